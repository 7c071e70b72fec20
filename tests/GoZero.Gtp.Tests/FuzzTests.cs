using System.Text;

namespace GoZero.Gtp.Tests;

/// <summary>Thousands of random and malformed lines, seeded: the engine must answer every one and then still answer
/// <c>name</c>.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Commands =
    [
        "protocol_version", "name", "version", "known_command", "list_commands", "boardsize", "clear_board", "komi",
        "play", "genmove", "undo", "showboard", "fixed_handicap", "place_free_handicap", "set_free_handicap",
        "final_score", "final_status_list", "time_settings", "time_left", "kgs-time_settings", "kgs-genmove_cleanup",
        "loadsgf", "reg_genmove", "is_legal", "list_stones", "captures", "lz-analyze", "lz-genmove_analyze", "analyze",
        "genmove_analyze", "kata-analyze", "kata-genmove_analyze", "no_such_command", "GENMOVE", "quit_not",
    ];

    private static readonly string[] Arguments =
    [
        "b", "w", "black", "WHITE", "x", "pass", "resign", "a1", "e5", "j9", "t19", "z25", "i5", "A0", "a-1", "0", "1", "2",
        "5", "7", "9", "19", "25", "26", "-1", "-2147483648", "2147483648", "99999999999999999999999", "1e308", "NaN",
        "-Infinity", "0.5", "7.5", "interval", "minmoves", "ownership", "true", "alive", "dead", "seki", "none", "absolute", "byoyomi",
        "canadian", "missing.sgf", "/", "..", "\u00e9t\u00e9", "\u56f2\u7881", "\ud83d\ude00", "\uffff", "\u00a0", "#", "=", "?",
    ];

    [Fact]
    public void ThousandsOfRandomAndMalformedLinesLeaveTheEngineAnswering()
    {
        using var gtp = new GtpProcess("--playouts", "3", "--threads", "2", "--batch", "2");
        var random = new Random(20261127);
        int sent = 0;
        for (int i = 0; i < 3000; i++)
        {
            string line = random.Next(4) switch
            {
                0 => RandomCharacters(random),
                1 => Command(random, ids: false),
                2 => Command(random, ids: true),
                _ => Mangle(random, Command(random, ids: random.Next(2) == 0)),
            };
            gtp.Send(line.Replace("\n", ""));
            sent++;
            // Drain now and then, so that neither side's pipe fills.
            if (i % 100 == 99) Assert.Equal(new GtpResponse(true, "424242", "GoZero"), Answer(gtp, $"424242 name"));
        }
        Assert.Equal(new GtpResponse(true, "777", "GoZero"), Answer(gtp, "777 name"));
        Assert.Equal(3000, sent);
        Assert.False(gtp.HasExited);
    }

    private static readonly string[] EndOfGameCommands =
    [
        "lz-analyze 10", "lz-analyze 0", "lz-analyze b 10", "lz-analyze w 20 minmoves 3", "analyze b 10", "analyze 10",
        "lz-genmove_analyze b 10", "genmove_analyze w 10", "genmove b", "genmove w", "kgs-genmove_cleanup b",
        "reg_genmove w", "final_score", "final_status_list dead", "final_status_list alive", "undo", "showboard",
        "play b pass", "play w pass", "play b e5", "lz-analyze", "analyze",
    ];

    /// <summary>
    /// The states at the end of a game — both players passed, by either colour, after a few moves or none — followed by
    /// analysis and the other end-of-game commands, each answered and followed by the next line only after a pause,
    /// as a controller driven by a person sends them. The plain fuzz above writes its lines without pauses, so a search
    /// that started after the next line had already arrived never ran; a hang at exactly this point went unseen.
    /// </summary>
    [Fact]
    public void EndOfGameStatesWithPausesBetweenLinesLeaveTheEngineAnswering()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "5", "--threads", "2", "--batch", "2");
        var random = new Random(20261207);
        for (int round = 0; round < 25; round++)
        {
            if (random.Next(3) == 0) gtp.Send("clear_board");
            int moves = random.Next(4);
            for (int m = 0; m < moves; m++) gtp.Send(random.Next(2) == 0 ? "genmove b" : "genmove w");
            gtp.Send(random.Next(2) == 0 ? "play b pass" : "play w pass");
            gtp.Send(random.Next(4) == 0 ? "play w pass" : "play b pass");
            for (int c = 0; c < 3; c++)
            {
                gtp.Send(EndOfGameCommands[random.Next(EndOfGameCommands.Length)]);
                Thread.Sleep(random.Next(250));
            }
            Assert.Equal(new GtpResponse(true, "424242", "GoZero"), Answer(gtp, "424242 name"));
        }
        Assert.False(gtp.HasExited);
    }

    /// <summary>Sends a command and skips every line until its response.</summary>
    private static GtpResponse Answer(GtpProcess gtp, string line)
    {
        gtp.Send(line);
        string id = line.Split(' ')[0];
        var skipped = new List<string>();
        while (true)
        {
            string response;
            try
            {
                response = gtp.ReadLine(TimeSpan.FromSeconds(60));
            }
            catch (GtpEngineException e)
            {
                throw new GtpEngineException($"{e.Message}\nlast lines:\n{string.Join('\n', skipped.TakeLast(10))}");
            }
            if (response == $"={id} GoZero") return new GtpResponse(true, id, "GoZero");
            skipped.Add(response);
        }
    }

    private static string Command(Random random, bool ids)
    {
        var text = new StringBuilder();
        if (ids) text.Append(random.Next(100000)).Append(' ');
        text.Append(Commands[random.Next(Commands.Length)]);
        int count = random.Next(5);
        for (int i = 0; i < count; i++) text.Append(' ').Append(Arguments[random.Next(Arguments.Length)]);
        return text.ToString();
    }

    private static string RandomCharacters(Random random)
    {
        int length = random.Next(random.Next(10) == 0 ? 3000 : 40);
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            char c = random.Next(3) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(32, 127),
                _ => (char)random.Next(128, 0xD800),
            };
            text.Append(c == '\n' ? ' ' : c);
        }
        return text.ToString();
    }

    private static string Mangle(Random random, string line)
    {
        var chars = line.ToCharArray();
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && chars.Length > 0; e++)
            chars[random.Next(chars.Length)] = random.Next(4) switch
            {
                0 => '\t',
                1 => '\r',
                2 => '#',
                _ => (char)random.Next(1, 0xD800),
            };
        return new string(chars).Replace('\n', ' ');
    }
}
