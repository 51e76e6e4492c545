package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A machine without network hears so at once, with the URL: the resolver is replaced here (a unit test must not ask the
 * real DNS), so a name that does not resolve and a resolver that never answers are both certain.
 */
class SlackReachabilityTest {
    private static final URI SLACK = URI.create("https://slack.com/api/");

    @Test
    void aNameThatDoesNotResolveIsSaidWithTheUrl() {
        SlackReachability reachability = new SlackReachability(
                host -> {
                    throw new UnknownHostException(host + ": Temporary failure in name resolution");
                },
                Duration.ofSeconds(3));

        SlackStartupException e = assertThrows(SlackStartupException.class, () -> reachability.check(SLACK));

        assertEquals(
                "Slack's Web API at https://slack.com/api/ could not be reached (the name slack.com does not resolve"
                        + " (DNS: slack.com: Temporary failure in name resolution)). Check the network, or"
                        + " SLACK_API_URL if it is set.\n" + SlackStartupException.WITHOUT_SLACK,
                e.getMessage());
    }

    @Test
    void aResolverThatNeverAnswersIsGivenUpAfterTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        SlackReachability reachability = new SlackReachability(
                host -> {
                    try {
                        never.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new InetAddress[0];
                },
                Duration.ofMillis(200));

        SlackStartupException e = assertThrows(SlackStartupException.class, () -> reachability.check(SLACK));
        never.countDown();

        assertEquals(
                "Slack's Web API at https://slack.com/api/ could not be reached (DNS gave no answer for slack.com"
                        + " within 200 ms). Check the network, or SLACK_API_URL if it is set.\n"
                        + SlackStartupException.WITHOUT_SLACK,
                e.getMessage());
    }
}
