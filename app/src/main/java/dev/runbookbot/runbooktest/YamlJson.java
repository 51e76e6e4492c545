package dev.runbookbot.runbooktest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.runbook.load.YamlNode;
import dev.runbookbot.runbook.load.YamlNode.YamlList;
import dev.runbookbot.runbook.load.YamlNode.YamlMap;
import dev.runbookbot.runbook.load.YamlNode.YamlScalar;

/** A positioned YAML subtree as Jackson's tree, for readers that take JSON (the recorded results of a case). */
final class YamlJson {
    private YamlJson() {}

    /** A YAML subtree as Jackson's tree, values typed as the YAML core schema reads them. */
    static JsonNode of(YamlNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node instanceof YamlMap map) {
            ObjectNode object = nodes.objectNode();
            map.entries().forEach((k, e) -> object.set(k, of(e.value())));
            return object;
        }
        if (node instanceof YamlList list) {
            ArrayNode array = nodes.arrayNode();
            list.items().forEach(item -> array.add(of(item)));
            return array;
        }
        YamlScalar scalar = (YamlScalar) node;
        Object value = scalar.value();
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof Double d) {
            return nodes.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Number n) {
            return nodes.numberNode(n.doubleValue());
        }
        return nodes.textNode(scalar.text());
    }
}
