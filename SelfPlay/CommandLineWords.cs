using System.Text;

namespace GoZero.SelfPlay;

/// <summary>Splits a command line written in one argument ("gnugo --mode gtp --level 1") into words as a POSIX shell
/// would for the simple cases: blanks separate words, single or double quotes keep blanks inside a word.</summary>
public static class CommandLineWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0') throw new FormatException($"unclosed {quote} in '{text}'");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
