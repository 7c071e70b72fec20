using System.Text;
using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>Seeded random damage to valid SGF: reading may refuse it, but only with <see cref="SgfFormatException"/>,
/// and whatever it accepts must write out and read back as the same game.</summary>
public class SgfFuzzTests
{
    private const string Valid =
        "(;FF[4]GM[1]CA[UTF-8]SZ[9]KM[6.5]HA[2]AB[cc][gg]AE[aa]RU[Chinese]PB[Black \\] player]PW[White\\\\]\n" +
        "DT[2025-01-31]RE[W+R]C[root\\\ncomment];AW[ab:bc]\n" +
        ";W[ee]C[first];B[ec]BL[30](;W[ce];B[cg];W[];B[tt])\n(;W[gc]LB[ee:A])(;W[ge]))\n(;SZ[21];B[tt])";

    private const string Alphabet = "()[];:\\ \n\r\tABCEHKLMPRSTWZabcdegijst0123456789.-+";

    [Fact]
    public void DamagedFilesFailOnlyWithSgfFormatException()
    {
        var random = new Random(20250131);
        int accepted = 0;
        for (int trial = 0; trial < 4000; trial++)
        {
            string text = Damage(Valid, random);
            if (TryRead(text)) accepted++;
        }
        // The damage must leave some files readable, or the round trip below is never exercised.
        Assert.InRange(accepted, 100, 3900);
    }

    [Fact]
    public void RandomTextFailsOnlyWithSgfFormatException()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 2000; trial++)
        {
            var text = new StringBuilder("(;");
            int length = random.Next(40);
            for (int i = 0; i < length; i++)
                text.Append(random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)]);
            TryRead(text.ToString());
        }
    }

    private static bool TryRead(string text)
    {
        SgfGame record;
        try
        {
            record = SgfReader.Read(text);
        }
        catch (SgfFormatException e)
        {
            Assert.InRange(e.Offset, 0, text.Length);
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped for input {Quote(text)}:\n{e}");
            return false;
        }
        var game = record.ToGame();
        var again = SgfReader.Read(SgfWriter.Write(record));
        var replayed = again.ToGame();
        Assert.Equal(record.Moves.Select(m => (m.Player, m.Move, m.Comment)), again.Moves.Select(m => (m.Player, m.Move, m.Comment)));
        Assert.Equal(record.Rules, again.Rules);
        Assert.Equal(game.InitialPosition.Hash, replayed.InitialPosition.Hash);
        Assert.Equal(game.Current.Hash, replayed.Current.Hash);
        Assert.Equal(game.HandicapStones, replayed.HandicapStones);
        return true;
    }

    private static string Damage(string text, Random random)
    {
        var damaged = new StringBuilder(text);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && damaged.Length > 0; m++)
        {
            int at = random.Next(damaged.Length);
            switch (random.Next(6))
            {
                case 0: damaged.Length = at; break;
                case 1: damaged.Remove(at, Math.Min(random.Next(1, 4), damaged.Length - at)); break;
                case 2: damaged.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 3: damaged[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                case 4:
                    int length = Math.Min(random.Next(1, 12), damaged.Length - at);
                    damaged.Insert(random.Next(damaged.Length), damaged.ToString(at, length));
                    break;
                default: damaged[at] = (char)random.Next(0, 0x10000); break;
            }
        }
        return damaged.ToString();
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
            quoted.Append(c is >= ' ' and < '\x7f' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        return quoted.Append('"').ToString();
    }
}
