package dev.runbookbot.diagnose.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** {@link UrlShape} must answer as okhttp's {@link HttpUrl#parse} does, for written URLs and for generated ones. */
class UrlShapeTest {
    private static final List<String> WRITTEN = List.of(
            "http://prometheus.internal:9090",
            "https://stripe.example.com/v1/health",
            "  http://loki:3100/  ",
            "HTTP://Example.COM",
            "http:example.com",
            "http:\\\\example.com\\path",
            "http:///example.com",
            "http://user@host",
            "http://user:secret@host:8080/x",
            "http://:secret@host",
            "http://user:@host",
            "http://@host",
            "http://a@b@host",
            "http://a:b@c:d@host",
            "http://host?x=1",
            "http://host/?",
            "http://host#frag",
            "http://host/path?q#f",
            "http://host/a b",
            "http://host/{{ params.x }}",
            "http://host:0",
            "http://host:65535",
            "http://host:65536",
            "http://host:+80",
            "http://host:-80",
            "http://host:",
            "http://host:8o",
            "http://ho st",
            "http://ho_st.internal",
            "http://a..b",
            "http://.a",
            "http://a.",
            "http://" + "x".repeat(63) + ".com",
            "http://" + "x".repeat(64) + ".com",
            "http://[::1]:9090",
            "http://[::1",
            "http://1.2.3.4",
            "http://999.999.999.999",
            "http://%41.example",
            "http://bücher.example",
            "http://xn--bcher-kva.example",
            "http://",
            "http:",
            "https",
            "ftp://host",
            "mailto:x@y",
            "//host/path",
            "host:9090",
            "",
            " ",
            "h",
            "http://host\\path?q\\#f\\",
            "http://ho%st",
            "http://host/%zz",
            "http://host:80:80",
            "http://ho<st",
            "http://ho|st");

    @Test
    void written_urls_get_okhttps_answer() {
        for (String url : WRITTEN) {
            assertEquals(okhttp(url), UrlShape.of(url), url);
        }
    }

    @Test
    void generated_urls_get_okhttps_answer() {
        String[] parts = {
            "http",
            "https",
            "HTTP",
            "ftp",
            ":",
            "//",
            "/",
            "\\",
            "@",
            "user",
            "pw",
            "host",
            "example.com",
            ".",
            "..",
            ":80",
            ":0",
            ":99999",
            "?",
            "q=1",
            "#",
            "frag",
            "[",
            "]",
            "::1",
            "%",
            "%41",
            " ",
            "\t",
            "_",
            "-",
            "ü",
            "{{x}}",
            "a",
            "1",
            "+",
            "!"
        };
        Random random = new Random(17);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder url =
                    new StringBuilder(random.nextInt(4) == 0 ? "" : random.nextBoolean() ? "http://" : "https://");
            int length = 1 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                url.append(parts[random.nextInt(parts.length)]);
            }
            String text = url.toString();
            Optional<UrlShape> expected = okhttp(text);
            assertEquals(expected, UrlShape.of(text), text);
            if (expected.isPresent()) {
                accepted++;
            }
        }
        assertTrue(accepted > 2_000, "the generated URLs must include many okhttp accepts: " + accepted);
    }

    private static Optional<UrlShape> okhttp(String text) {
        HttpUrl url = HttpUrl.parse(text);
        return url == null
                ? Optional.empty()
                : Optional.of(new UrlShape(
                        !url.username().isEmpty(),
                        !url.password().isEmpty(),
                        url.query() != null,
                        url.fragment() != null));
    }
}
