package dev.runbookbot.remediate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpRequestConfigTest {
    private static final String PATH = "remediations[3].action.config";

    private static List<ConfigProblem> problems(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        HttpRequestConfig.parse(new StepConfig(values, PATH), problems);
        return problems;
    }

    private static HttpRequestConfig parse(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<HttpRequestConfig> config = HttpRequestConfig.parse(new StepConfig(values, PATH), problems);
        assertEquals(List.of(), problems);
        return config.orElseThrow();
    }

    private static Map<String, Object> post(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("method", "post");
        values.put("url", "https://api.example.com/v1/cache/purge");
        values.putAll(extra);
        return values;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Test
    void minimalConfigDefaultsTo2xxAndTheStepTimeout() {
        HttpRequestConfig config = parse(post(Map.of()));

        assertEquals("POST", config.method());
        assertEquals(ExpectedStatus.DEFAULT, config.expectStatus());
        assertEquals(Optional.empty(), config.timeout());
        assertEquals(Optional.empty(), config.body());
    }

    @Test
    void alertDataCannotChooseTheHost() {
        List<ConfigProblem> problems = problems(Map.of("method", "GET", "url", "https://{{ labels.host }}/health"));

        assertEquals(1, problems.size());
        assertEquals(PATH + ".url", problems.get(0).path());
        assertEquals(
                "labels.host stands in the URL's scheme or host; alert data must never choose where a request goes",
                problems.get(0).message());
    }

    @Test
    void urlMustBeAbsoluteHttpWithoutCredentials() {
        assertEquals(
                "not an absolute http:// or https:// URL: ftp://files.example.com/x",
                problems(Map.of("method", "GET", "url", "ftp://files.example.com/x"))
                        .get(0)
                        .message());
        assertTrue(problems(Map.of("method", "GET", "url", "https://user:pw@api.example.com/"))
                .get(0)
                .message()
                .startsWith("the URL carries credentials"));
    }

    @Test
    void methodIsRequiredAndChecked() {
        assertEquals(
                List.of(new ConfigProblem(PATH + ".method", "method is required")),
                problems(Map.of("url", "https://api.example.com/")));
        assertEquals(
                List.of(new ConfigProblem(PATH + ".method", "method must be one of GET, POST, PUT, PATCH, DELETE")),
                problems(Map.of("method", "TRACE", "url", "https://api.example.com/")));
        assertEquals(
                List.of(new ConfigProblem(PATH + ".body", "a GET request carries no body")),
                problems(Map.of("method", "GET", "url", "https://api.example.com/", "body", "x")));
    }

    @Test
    void headerProblemsNameTheHeader() {
        List<ConfigProblem> problems = problems(post(Map.of(
                "headers",
                Map.of(
                        "Idempotency-Key",
                        "mine",
                        "Bad Header",
                        "x",
                        "X-Token",
                        Map.of("secret", "{{ labels.which }}"),
                        "X-Auth",
                        Map.of("secret", "tok", "prefx", "Bearer ")))));

        assertEquals(4, problems.size());
        assertTrue(problems.contains(new ConfigProblem(
                PATH + ".headers.Idempotency-Key", "Idempotency-Key is set by the bot and cannot be configured")));
        assertTrue(problems.contains(
                new ConfigProblem(PATH + ".headers.Bad Header", "'Bad Header' is not a valid HTTP header name")));
        assertTrue(problems.contains(new ConfigProblem(
                PATH + ".headers.X-Token.secret",
                "the secret name cannot be a template: alert data must not pick credentials")));
        assertTrue(problems.contains(new ConfigProblem(
                PATH + ".headers.X-Auth.prefx", "unknown key 'prefx'; a secret header takes secret and prefix")));
    }

    @Test
    void templatedJsonAsAStringIsRefused() {
        List<ConfigProblem> problems = problems(post(Map.of(
                "headers",
                Map.of("Content-Type", "application/json"),
                "body",
                "{\"service\": \"{{ labels.service }}\"}")));

        assertEquals(1, problems.size());
        assertEquals(PATH + ".body", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("a templated JSON body must be written as a YAML map or list"));
    }

    @Test
    void contentTypeIsALiteralMediaTypeForABody() {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".headers.Content-Type",
                        "Content-Type must be a literal media type such as application/json")),
                problems(post(Map.of("headers", Map.of("Content-Type", "{{ labels.type }}"), "body", "x"))));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".headers.Content-Type", "Content-Type is set but the request has no body")),
                problems(post(Map.of("headers", Map.of("Content-Type", "text/plain")))));
    }

    @Test
    void jsonKeysCannotBeTemplates() {
        assertEquals(
                List.of(new ConfigProblem(PATH + ".body.{{ labels.k }}", "a JSON key cannot be a template")),
                problems(post(Map.of("body", Map.of("{{ labels.k }}", "v")))));
    }

    @Test
    void expectStatusAndTimeoutAreParsed() {
        HttpRequestConfig config = parse(post(Map.of("expect_status", List.of(200, "3xx"), "timeout", "1500ms")));

        assertTrue(config.expectStatus().accepts(200));
        assertTrue(config.expectStatus().accepts(302));
        assertFalse(config.expectStatus().accepts(201));
        assertEquals("200 or 3xx", config.expectStatus().toString());
        assertEquals(Optional.of(Duration.ofMillis(1500)), config.timeout());
        assertEquals(
                Optional.of(Duration.ofSeconds(7)),
                parse(post(Map.of("timeout", 7))).timeout());
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".expect_status", "expect_status takes status codes (200) or classes (2xx), not 'ok'")),
                problems(post(Map.of("expect_status", "ok"))));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".timeout", "timeout must be a positive duration such as 500ms, 10s or 2m")),
                problems(post(Map.of("timeout", "soon"))));
    }

    @Test
    void headerValuesWithLineBreaksOrControlsAreRefused() throws Exception {
        assertEquals(Optional.empty(), HttpRequestConfig.checkHeaderValue("Bearer abc\tdef"));
        assertTrue(HttpRequestConfig.checkHeaderValue("a\r\nX-Injected: 1").isPresent());
        assertTrue(HttpRequestConfig.checkHeaderValue("caf\u00e9").isPresent());
        HeaderSpec.Templated header = new HeaderSpec.Templated("X-Service", Template.parse("{{ labels.service }}"));

        ActionException e = assertThrows(
                ActionException.class,
                () -> HttpRequestConfig.renderHeader(
                        header, new TemplateContext(Map.of(), Map.of("service", "api\r\nX-Admin: true"), Map.of())));
        assertEquals(
                "header X-Service {{ labels.service }} rendered to a value that contains a line break (CR or LF),"
                        + " which would split the request; refused",
                e.getMessage());
    }

    @Test
    void aSinglePlaceholderOfATypedParameterKeepsItsType() throws Exception {
        TemplateContext context =
                new TemplateContext(Map.of("replicas", 3L, "force", true), Map.of("replicas", "4"), Map.of());

        assertEquals(3L, HttpRequestConfig.renderLeaf(Template.parse("{{ params.replicas }}"), context));
        assertEquals(true, HttpRequestConfig.renderLeaf(Template.parse("{{params.force}}"), context));
        assertEquals("4", HttpRequestConfig.renderLeaf(Template.parse("{{ labels.replicas }}"), context));
        assertEquals("n=3", HttpRequestConfig.renderLeaf(Template.parse("n={{ params.replicas }}"), context));
    }

    @Test
    void previewShowsTheRequestWithSecretsByName() throws ActionException {
        Map<String, Object> config = post(Map.of(
                "url",
                "https://api.example.com/v1/services/{{ labels.service }}/purge?reason={{ labels.alertname }}",
                "headers",
                Map.of("Authorization", Map.of("secret", "api-token", "prefix", "Bearer ")),
                "body",
                ordered("service", "{{ labels.service }}", "replicas", "{{ params.replicas }}"),
                "timeout",
                "10s"));
        HttpRequestActionExecutor executor =
                new HttpRequestActionExecutor(new OkHttpClient(), name -> Optional.of(new Secret(name, "tok-123")));
        ActionRequest request = new ActionRequest(
                "rem-1",
                new ActionSpec(ActionType.HTTP_REQUEST, new StepConfig(config, PATH)),
                new TemplateContext(
                        Map.of("replicas", 3L), Map.of("service", "pay ments", "alertname", "High 5xx"), Map.of()),
                "prod",
                Duration.ofSeconds(30),
                "incident-9/purge/1");

        ActionPreview preview = executor.preview(request);

        assertEquals("POST https://api.example.com/v1/services/pay%20ments/purge", preview.target());
        assertEquals(
                List.of(
                        "POST https://api.example.com/v1/services/pay%20ments/purge?reason=High+5xx",
                        "Authorization: Bearer <secret:api-token>",
                        "Content-Type: application/json; charset=utf-8",
                        "Idempotency-Key: incident-9/purge/1",
                        "",
                        "{\"service\":\"pay ments\",\"replicas\":3}",
                        "(expects HTTP 2xx; redirects are not followed; timeout 10s)"),
                preview.lines());
        assertFalse(String.join("\n", preview.lines()).contains("tok-123"));
    }
}
