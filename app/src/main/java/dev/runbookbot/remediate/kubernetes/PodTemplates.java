package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a rollback changes in a pod template, as a person reading the outcome wants to see it. */
final class PodTemplates {
    private PodTemplates() {}

    /** One line per container whose image differs between the templates ({@code \ncontainer app: v3 -> v2}). */
    static String imageChanges(PodTemplateSpec from, PodTemplateSpec to) {
        Map<String, String> before = new HashMap<>();
        containers(from).forEach(c -> before.put(c.getName(), c.getImage()));
        StringBuilder sb = new StringBuilder();
        for (Container c : containers(to)) {
            String old = before.get(c.getName());
            if (!Objects.equals(old, c.getImage())) {
                sb.append("\ncontainer ")
                        .append(c.getName())
                        .append(": ")
                        .append(old)
                        .append(" -> ")
                        .append(c.getImage());
            }
        }
        return sb.toString();
    }

    private static List<Container> containers(PodTemplateSpec template) {
        return template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of()
                : template.getSpec().getContainers();
    }
}
