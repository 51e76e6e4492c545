package dev.runbookbot.remediate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A record that someone validated a scoped action and allowed it in one more environment (runbook-bots article:
 * {@code runbookctl promote --action clear-cache --env prod --evidence-url https://reports.internal/cache-validation}).
 * {@code action} is the remediation id the runbook gives the step; {@code environment} is compared with the incident's
 * environment, ignoring case. {@code promotedBy} is who took responsibility and {@code evidenceUrl} where the validation
 * can be read (an {@code http} or {@code https} URL). Promotions are only ever added; {@code id} grows with each one.
 */
public record Promotion(
        long id, String action, String environment, String promotedBy, String evidenceUrl, Instant promotedAt) {
    public Promotion {
        requireValid(action, environment, promotedBy, evidenceUrl);
        Objects.requireNonNull(promotedAt, "promotedAt");
    }

    /**
     * Checks a promotion request (surrounding blanks are ignored); the message names the field and what is wrong, so the
     * CLI can print it as is.
     *
     * @throws IllegalArgumentException when a field is blank, or the evidence URL is not an absolute http(s) URL
     */
    public static void requireValid(String action, String environment, String promotedBy, String evidenceUrl) {
        requireWord(action, "action");
        requireWord(environment, "environment");
        if (promotedBy == null || promotedBy.isBlank()) {
            throw new IllegalArgumentException("promoted by: say who promotes it");
        }
        if (evidenceUrl == null || evidenceUrl.isBlank()) {
            throw new IllegalArgumentException("evidence URL: link the validation that justifies the promotion");
        }
        URI uri;
        try {
            uri = new URI(evidenceUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("evidence URL '" + evidenceUrl + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "evidence URL '" + evidenceUrl + "' must be an absolute http or https URL with a host");
        }
    }

    /** True when this promotion allows {@code action} in {@code environment}. */
    public boolean allows(String otherAction, String otherEnvironment) {
        return action.equals(otherAction) && environment.equalsIgnoreCase(otherEnvironment);
    }

    private static void requireWord(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        String word = value.strip();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " '" + word + "' must be one word, without spaces");
            }
        }
    }
}
