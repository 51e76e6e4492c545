package dev.runbookbot.web;

import dev.runbookbot.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks the {@code Authorization} header Alertmanager's {@code http_config} sends: {@code Bearer <token>} ({@code
 * authorization: {credentials: ...}}, or {@code bearer_token} in older configurations) or {@code Basic
 * base64(user:password)} ({@code basic_auth}). Each configured kind is accepted; with none configured every request
 * is refused. Comparisons are constant-time ({@link ConstantTime}); for basic auth both user and password are compared
 * whatever the first result. Immutable and thread-safe.
 */
final class AlertmanagerCredentials {
    private final Optional<Secret> bearerToken;
    private final Optional<String> basicUser;
    private final Optional<Secret> basicPassword;

    AlertmanagerCredentials(Optional<Secret> bearerToken, Optional<String> basicUser, Optional<Secret> basicPassword) {
        this.bearerToken = bearerToken;
        this.basicUser = basicUser;
        this.basicPassword = basicPassword;
    }

    boolean configured() {
        return bearerToken.isPresent() || basicUser.isPresent();
    }

    /** The {@code WWW-Authenticate} challenges a 401 answer carries. */
    List<String> challenges() {
        List<String> challenges = new ArrayList<>();
        if (bearerToken.isPresent() || !configured()) {
            challenges.add("Bearer realm=\"runbook-bot\"");
        }
        if (basicUser.isPresent()) {
            challenges.add("Basic realm=\"runbook-bot\", charset=\"UTF-8\"");
        }
        return challenges;
    }

    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = header.substring(space + 1).trim();
        if (scheme.equals("bearer") && bearerToken.isPresent()) {
            return ConstantTime.equal(credentials, bearerToken.get().reveal());
        }
        if (scheme.equals("basic") && basicUser.isPresent() && basicPassword.isPresent()) {
            return basicMatches(credentials);
        }
        return false;
    }

    private boolean basicMatches(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userMatches = ConstantTime.equal(decoded.substring(0, colon), basicUser.orElseThrow());
        boolean passwordMatches = ConstantTime.equal(
                decoded.substring(colon + 1), basicPassword.orElseThrow().reveal());
        return userMatches & passwordMatches;
    }
}
