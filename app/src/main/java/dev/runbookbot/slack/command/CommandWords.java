package dev.runbookbot.slack.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a slash command into words the way a person expects from a shell, without being one: spaces
 * separate words, double or single quotes (also the typographic ones Slack clients may substitute) group a value with
 * spaces ({@code reason="db is down"} is one word, {@code reason=db is down}), and inside double quotes a backslash
 * escapes a quote or a backslash. Nothing is expanded or executed. Slack sends {@code &}, {@code <} and {@code >} as
 * HTML entities; they are read back as the characters the person typed. A quote opens a group only at the start of a
 * word or right after {@code =}, so an apostrophe inside a word ({@code it's}) is just a character.
 */
final class CommandWords {
    private CommandWords() {}

    /**
     * The words of {@code text}.
     *
     * @throws IllegalArgumentException when a quote is not closed, naming where it opened
     */
    static List<String> split(String text) {
        String input = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            char close = closingQuote(c);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (close != 0 && (!inWord || input.charAt(i - 1) == '=')) {
                int opened = i;
                i++;
                boolean closed = false;
                while (i < input.length()) {
                    char q = input.charAt(i);
                    if (q == close || (close == '"' && q == '\u201d') || (close == '\u201d' && q == '"')) {
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\\' && isDoubleQuote(c) && i + 1 < input.length()) {
                        char next = input.charAt(i + 1);
                        if (next == '\\' || isDoubleQuote(next)) {
                            word.append(next);
                            i += 2;
                            continue;
                        }
                    }
                    word.append(q);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("the quote opened at character " + (opened + 1)
                            + " is not closed; put a value with spaces in a pair of quotes: key=\"a b\"");
                }
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static char closingQuote(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\'' -> '\'';
            case '\u201c' -> '\u201d';
            case '\u2018' -> '\u2019';
            default -> 0;
        };
    }

    private static boolean isDoubleQuote(char c) {
        return c == '"' || c == '\u201c' || c == '\u201d';
    }
}
