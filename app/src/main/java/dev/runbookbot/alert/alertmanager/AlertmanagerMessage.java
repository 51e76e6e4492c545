package dev.runbookbot.alert.alertmanager;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager webhook body, payload version 4 ({@code notify/webhook/webhook.go}: {@code Message{*template.Data;
 * Version; GroupKey; TruncatedAlerts}}). {@code groupKey} is stable for a route and its group labels; {@code
 * truncatedAlerts} counts the alerts {@code max_alerts} left out (0, or absent in old versions, when none were); the
 * group {@code status} is {@code firing} while any alert in it fires, so resolution is read per alert. Newer fields
 * ({@code notification_reason} and the like) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerMessage(
        String version,
        String groupKey,
        Integer truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl,
        List<AlertmanagerAlert> alerts) {
    public AlertmanagerMessage {
        truncatedAlerts = truncatedAlerts == null ? 0 : truncatedAlerts;
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        commonLabels = commonLabels == null ? Map.of() : commonLabels;
        commonAnnotations = commonAnnotations == null ? Map.of() : commonAnnotations;
    }
}
