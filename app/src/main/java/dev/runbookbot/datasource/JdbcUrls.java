package dev.runbookbot.datasource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks credentials in JDBC URLs: a password in the authority ({@code //user:secret@host}) and the values of
 * parameters such as {@code password=}, {@code sslpassword=} or {@code key=}, whether separated by {@code ?}, {@code &}
 * or {@code ;}.
 */
final class JdbcUrls {
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile(
            "([?&;](?:password|passwd|pwd|sslpassword|key|passphrase|secret|token)=)([^&;]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/@:?;&]*:)([^/@?;&]*)(@)");

    private JdbcUrls() {}

    /** {@code url} with every credential value replaced by {@code <secret>}. */
    static String mask(String url) {
        String masked = USERINFO_PASSWORD.matcher(url).replaceAll("$1<secret>$3");
        Matcher m = CREDENTIAL_PARAMETER.matcher(masked);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "<secret>"));
    }

    /** True when {@code url} carries a credential. */
    static boolean hasCredential(String url) {
        return !mask(url).equals(url);
    }
}
