package dev.runbookbot.runbook.load;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of YAML mapping in a runbook accepts, in documentation order, and which of them are required. The
 * loader reports any other key as unknown (with a suggestion); the JSON Schema must list exactly the same keys.
 */
public record ObjectShape(String name, List<String> keys, Set<String> required) {
    public ObjectShape {
        keys = List.copyOf(keys);
        required = Set.copyOf(required);
        if (!keys.containsAll(required)) {
            throw new IllegalArgumentException("required keys of " + name + " must be among its keys");
        }
    }
}
