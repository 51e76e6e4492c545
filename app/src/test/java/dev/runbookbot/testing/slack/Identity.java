package dev.runbookbot.testing.slack;

import java.util.Objects;

/**
 * Who a payload says it comes from: the workspace (team id and domain, and its enterprise when in a grid) and the app
 * it is addressed to. The fake's home identity is the installation's; any other makes a foreign payload.
 *
 * @param enterpriseId the Enterprise Grid org id, or null outside a grid
 */
public record Identity(String teamId, String teamDomain, String enterpriseId, String apiAppId) {
    public Identity {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(teamDomain, "teamDomain");
        Objects.requireNonNull(apiAppId, "apiAppId");
    }

    /** The identity the fixtures use: team T111 ("test-test-test"), app A111. */
    public static Identity fixtureHome() {
        return new Identity("T111", "test-test-test", null, "A111");
    }

    public Identity withTeam(String teamId, String teamDomain) {
        return new Identity(teamId, teamDomain, enterpriseId, apiAppId);
    }

    public Identity withApiAppId(String apiAppId) {
        return new Identity(teamId, teamDomain, enterpriseId, apiAppId);
    }
}
