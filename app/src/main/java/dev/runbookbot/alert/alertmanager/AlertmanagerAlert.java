package dev.runbookbot.alert.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One alert of an Alertmanager webhook ({@code alerts[]} in {@code notify/webhook/webhook.go}'s {@code Message}). Times
 * stay text here ({@code startsAt}, {@code endsAt} in RFC 3339; Go's zero time {@code 0001-01-01T00:00:00Z} means
 * "not set"); the mapper parses them and says which alert is wrong. {@code fingerprint} is absent from old Alertmanager
 * versions. Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerAlert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        String startsAt,
        String endsAt,
        @JsonProperty("generatorURL") String generatorUrl,
        String fingerprint) {
    public AlertmanagerAlert {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }
}
