package dev.runbookbot.process;

import dev.runbookbot.expr.Template;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a command step asks of its sandbox, beside its command: no network, files to see read-only, or a container
 * image. None of it is templated: alert data never chooses what a step can reach.
 *
 * <pre>{@code
 * config:
 *   argv: [kubectl, get, pods]
 *   network: none                                  # default: the catalog's sandbox.network (host)
 *   mounts: [/etc/runbook-bot/kubeconfig]          # read-only, at the same path
 *   sandbox: {image: "registry.example/kubectl@sha256:<64 hex>"}   # run with podman
 * }</pre>
 *
 * @param network the step's own network setting; empty means the catalog's
 * @param mounts absolute paths the step sees read-only, at the same path
 * @param image a digest-pinned container image: the step runs with podman
 */
public record SandboxRequest(Optional<NetworkAccess> network, List<Path> mounts, Optional<String> image) {
    /** The config keys this part reads. */
    public static final List<String> KEYS = List.of("network", "mounts", "sandbox");

    /** What a step that declares nothing gets. */
    public static final SandboxRequest DEFAULT = new SandboxRequest(Optional.empty(), List.of(), Optional.empty());

    /** {@code name[:tag]@sha256:<64 hex>}: the image cannot change under a runbook. */
    static final Pattern PINNED_IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}");

    public SandboxRequest {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(image, "image");
        mounts = List.copyOf(mounts);
    }

    /** Whether the step declared anything about its sandbox (lint lists such steps). */
    public boolean declaresAnything() {
        return network.isPresent() || !mounts.isEmpty() || image.isPresent();
    }

    /** Parses the sandbox keys of {@code config}; every problem is added to {@code problems}. */
    public static SandboxRequest parse(StepConfig config, List<ConfigProblem> problems) {
        Optional<NetworkAccess> network = Optional.empty();
        Object rawNetwork = config.values().get("network");
        if (rawNetwork != null) {
            if ("none".equals(rawNetwork)) {
                network = Optional.of(NetworkAccess.NONE);
            } else if ("host".equals(rawNetwork)) {
                network = Optional.of(NetworkAccess.HOST);
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("network"),
                        "network must be 'none' (no network at all, not even loopback) or 'host' (the bot's network)"));
            }
        }
        List<Path> mounts = new ArrayList<>();
        Object rawMounts = config.values().get("mounts");
        if (rawMounts instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String path = config.pathOf("mounts") + "[" + i + "]";
                if (!(list.get(i) instanceof String text) || !text.startsWith("/") || Template.isTemplated(text)) {
                    problems.add(new ConfigProblem(
                            path,
                            "a mount is an absolute path written literally (no templates), such as"
                                    + " /etc/runbook-bot/kubeconfig; the step sees it read-only at the same path"));
                    continue;
                }
                Path mount = Path.of(text).normalize();
                if (mount.getNameCount() == 0) {
                    problems.add(new ConfigProblem(path, "mounting / would show the step the whole host"));
                    continue;
                }
                mounts.add(mount);
            }
        } else if (rawMounts != null) {
            problems.add(new ConfigProblem(config.pathOf("mounts"), "mounts must be a list of absolute paths"));
        }
        Optional<String> image = Optional.empty();
        Object rawSandbox = config.values().get("sandbox");
        if (rawSandbox instanceof Map<?, ?> sandbox) {
            for (Object key : sandbox.keySet()) {
                if (!"image".equals(key)) {
                    problems.add(new ConfigProblem(
                            config.pathOf("sandbox") + "." + key,
                            "unknown key '" + key + "' in sandbox; known: image"));
                }
            }
            Object rawImage = sandbox.get("image");
            if (rawImage instanceof String text && PINNED_IMAGE.matcher(text).matches()) {
                image = Optional.of(text);
            } else {
                problems.add(new ConfigProblem(
                        config.pathOf("sandbox") + ".image",
                        "sandbox.image must be an image pinned by digest, such as"
                                + " registry.example/kubectl@sha256:<64 hex digits>, so the step cannot change under"
                                + " the runbook"));
            }
        } else if (rawSandbox != null) {
            problems.add(new ConfigProblem(
                    config.pathOf("sandbox"), "sandbox must be a map, such as {image: name@sha256:...}"));
        }
        return new SandboxRequest(network, mounts, image);
    }
}
