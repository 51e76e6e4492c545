package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.slack.SlackCredentials;
import dev.runbookbot.slack.SlackSettings;
import dev.runbookbot.slack.SlackStartupException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackSectionTest {
    private static final Map<String, String> COMPLETE = Map.of(
            "SLACK_BOT_TOKEN", "xoxb-1-2-hunter2",
            "SLACK_APP_TOKEN", "xapp-1-A1-3-hunter2",
            "SLACK_TEAM_ID", "T111",
            "SLACK_APP_ID", "A111");

    private static SlackSection section(Map<String, String> env) {
        return SlackSection.from(SettingsSource.of(env));
    }

    private static Map<String, String> without(String... variables) {
        Map<String, String> env = new HashMap<>(COMPLETE);
        for (String variable : variables) {
            env.remove(variable);
        }
        return env;
    }

    @Test
    void everythingSetGivesTheAdaptersSettings() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.put("SLACK_API_URL", "https://slack-gov.com/api");
        env.put("RUNBOOK_APPROVERS", "U111, W222,S333");

        SlackSection section = section(env);
        SlackCredentials settings = section.credentials();

        assertEquals("xoxb-1-2-hunter2", settings.botToken().reveal());
        assertEquals("SLACK_BOT_TOKEN", settings.botToken().name());
        assertEquals("SLACK_APP_TOKEN", settings.appToken().name());
        assertEquals(URI.create("https://slack-gov.com/api/"), settings.apiBaseUrl());
        assertEquals(Optional.of("T111"), settings.pinnedTeamId());
        assertEquals(Optional.of("A111"), settings.pinnedAppId());
        assertEquals(List.of("U111", "W222", "S333"), section.approvers());
        assertFalse(section.toString().contains("hunter2"), "tokens never print: " + section);
    }

    @Test
    void slacksOwnApiByDefault() {
        assertEquals(
                SlackSettings.DEFAULT_API_BASE_URL,
                section(COMPLETE).credentials().apiBaseUrl());
    }

    @Test
    void theTeamAndAppIdsAreOptionalPins() {
        SlackCredentials tokensOnly =
                section(without("SLACK_TEAM_ID", "SLACK_APP_ID")).credentials();

        assertEquals(Optional.empty(), tokensOnly.pinnedTeamId());
        assertEquals(Optional.empty(), tokensOnly.pinnedAppId());
    }

    @Test
    void theFirstMissingTokenIsNamed() {
        for (String variable : List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")) {
            SlackStartupException e = assertThrows(SlackStartupException.class, () -> section(without(variable))
                    .credentials());
            assertTrue(
                    e.getMessage().startsWith(variable + " is not set: runbook-bot needs the Slack "), e.getMessage());
            assertTrue(e.getMessage().contains("slack-app-manifest.yml"), e.getMessage());
            assertTrue(e.getMessage().contains("runbookctl simulate"), e.getMessage());
        }
        SlackStartupException none = assertThrows(
                SlackStartupException.class, () -> section(Map.of()).credentials());
        assertTrue(none.getMessage().startsWith("SLACK_BOT_TOKEN is not set"), none.getMessage());
    }

    @Test
    void approversAreIdsNeverDisplayNames() {
        Map<String, String> env = new HashMap<>(COMPLETE);
        env.put("RUNBOOK_APPROVERS", "U111,alice");

        SettingsException e = assertThrows(SettingsException.class, () -> section(env));

        assertEquals(
                "setting 'approval.approvers' (or env RUNBOOK_APPROVERS) lists 'alice', which is not a Slack user id"
                        + " (U... or W...) or user group id (S...); display names are not accepted, because they are"
                        + " neither unique nor stable",
                e.getMessage());
    }

    @Test
    void otherCommandsDoNotNeedSlack() {
        Settings settings = Settings.from(SettingsSource.of(Map.of()));
        assertEquals("", settings.slack().teamId());
        assertEquals("", settings.slack().botToken().reveal());
    }
}
