package dev.runbookbot.remediate.http;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTTP statuses that count as the target accepting the request: exact codes ({@code 204}) and classes
 * ({@code 2xx}). The default is {@code 2xx}; a redirect is a failure unless listed, because redirects are not followed.
 */
public record ExpectedStatus(List<String> accepted) {
    public static final ExpectedStatus DEFAULT = new ExpectedStatus(List.of("2xx"));

    public ExpectedStatus {
        accepted = List.copyOf(accepted);
    }

    public boolean accepts(int status) {
        String code = Integer.toString(status);
        for (String a : accepted) {
            if (a.equals(code) || (a.endsWith("xx") && code.length() == 3 && code.charAt(0) == a.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    /** True for {@code 204} and {@code 2xx}-style entries: what the parser accepts. */
    static boolean isValid(String entry) {
        return entry.matches("[1-5]xx") || entry.matches("[1-5][0-9][0-9]");
    }

    @Override
    public String toString() {
        return accepted.stream().collect(Collectors.joining(" or "));
    }
}
