package dev.runbookbot.remediate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ConfigProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * One {@code http_request} as it will be sent, with every template rendered for this run: the URL, the templated
 * headers (Content-Type aside, which travels with the body), the body (a JSON tree written value by value, so alert
 * data stays inside its JSON string; or text) and the call's deadline. Secret headers are still unresolved, so a
 * preview can show them as {@code <secret:NAME>}.
 */
record RenderedRequest(
        HttpRequestConfig config,
        HttpUrl url,
        List<Map.Entry<String, String>> headers,
        List<HeaderSpec.FromSecret> secretHeaders,
        Optional<String> body,
        Optional<String> contentType,
        Duration timeout) {
    /** Renders {@code request}'s config with its context; {@code json} writes a JSON body. */
    static RenderedRequest of(ActionRequest request, ObjectMapper json) throws ActionException {
        HttpRequestConfig config = config(request);
        TemplateContext context = request.context();
        HttpUrl url = config.renderUrl(context);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        List<HeaderSpec.FromSecret> secretHeaders = new ArrayList<>();
        for (HeaderSpec header : config.headers()) {
            if (header instanceof HeaderSpec.Templated templated) {
                if (!templated.name().equalsIgnoreCase("Content-Type")) {
                    headers.add(Map.entry(templated.name(), HttpRequestConfig.renderHeader(templated, context)));
                }
            } else {
                secretHeaders.add((HeaderSpec.FromSecret) header);
            }
        }
        Optional<String> body = Optional.empty();
        if (config.body().isPresent()) {
            BodySpec spec = config.body().get();
            body = Optional.of(
                    spec instanceof BodySpec.Json j
                            ? jsonBody(json, j.tree(), context)
                            : textBody(((BodySpec.Text) spec).template(), context));
        }
        Duration timeout = config.timeout().orElse(request.timeout());
        return new RenderedRequest(
                config, url, headers, secretHeaders, body, config.body().map(BodySpec::contentType), timeout);
    }

    private static String textBody(Template template, TemplateContext context) throws ActionException {
        try {
            return template.render(context, TemplateSink.ARGV).text();
        } catch (TemplateException e) {
            throw new ActionException("body: " + e.getMessage());
        }
    }

    private static String jsonBody(ObjectMapper json, Object tree, TemplateContext context) throws ActionException {
        try {
            return json.writeValueAsString(jsonNode(tree, context, "body"));
        } catch (JsonProcessingException e) {
            throw new ActionException("body: cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode jsonNode(Object node, TemplateContext context, String path) throws ActionException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(String.valueOf(e.getKey()), jsonNode(e.getValue(), context, path + "." + e.getKey()));
            }
            return object;
        }
        if (node instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(jsonNode(list.get(i), context, path + "[" + i + "]"));
            }
            return array;
        }
        if (node instanceof Template leaf) {
            try {
                return scalar(HttpRequestConfig.renderLeaf(leaf, context));
            } catch (TemplateException e) {
                throw new ActionException(path + ": " + e.getMessage());
            }
        }
        return scalar(node);
    }

    private static JsonNode scalar(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof BigDecimal dec) {
            return nodes.numberNode(dec);
        }
        if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        }
        return nodes.textNode(String.valueOf(value));
    }

    private static HttpRequestConfig config(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<HttpRequestConfig> config =
                HttpRequestConfig.parse(request.action().config(), problems);
        if (config.isEmpty()) {
            throw new ActionException("invalid config: "
                    + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        return config.get();
    }
}
