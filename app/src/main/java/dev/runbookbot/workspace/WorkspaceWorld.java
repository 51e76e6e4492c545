package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of the local workspace: channels (by id, with their names), people, messages in posting order, ephemeral
 * replies and Home tabs. Thread-safe: every method holds the world's lock, and listeners are told of a change after it
 * is made, outside the lock. Channels named by the bot ({@code #incidents-checkout}) are created on first use, as a
 * team would have created them.
 */
final class WorkspaceWorld {
    static final String TEAM_ID = "T0LOCAL";
    static final String TEAM_DOMAIN = "local";
    static final String APP_ID = "A0LOCAL";
    static final String BOT_ID = "B0LOCAL";
    static final String BOT_USER_ID = "U0BOT";
    static final int MAX_MESSAGES = 5_000;

    private final Map<String, String> channelNames = new LinkedHashMap<>();
    private final Map<String, LocalPerson> people = new LinkedHashMap<>();
    private final List<WorkspaceMessage> messages = new ArrayList<>();
    private final Map<String, JsonNode> homeViews = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong clock;
    private int nextChannel = 1;

    WorkspaceWorld(long startSeconds, List<LocalPerson> everyone, List<String> channels) {
        this.clock = new AtomicLong(startSeconds * 1_000_000L);
        everyone.forEach(p -> people.put(p.id(), p));
        channels.forEach(this::channelByName);
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The id of the channel named {@code #name} or {@code name}, created if it does not exist yet. */
    synchronized String channelByName(String name) {
        String bare = name.startsWith("#") ? name.substring(1) : name;
        for (Map.Entry<String, String> e : channelNames.entrySet()) {
            if (e.getValue().equals(bare)) {
                return e.getKey();
            }
        }
        String id = String.format("C%07d", nextChannel++);
        channelNames.put(id, bare);
        return id;
    }

    /** The channel id for what the bot passed as {@code channel}: an id we know, or a name. */
    synchronized Optional<String> resolveChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            return Optional.empty();
        }
        if (channelNames.containsKey(channel)) {
            return Optional.of(channel);
        }
        if (channel.startsWith("#")) {
            return Optional.of(channelByName(channel));
        }
        return Optional.empty();
    }

    synchronized Map<String, String> channels() {
        return Map.copyOf(channelNames);
    }

    synchronized String channelName(String id) {
        return channelNames.getOrDefault(id, id);
    }

    synchronized List<String> channelIdsInOrder() {
        return List.copyOf(channelNames.keySet());
    }

    List<LocalPerson> people() {
        synchronized (this) {
            return List.copyOf(people.values());
        }
    }

    synchronized Optional<LocalPerson> person(String id) {
        return Optional.ofNullable(people.get(id));
    }

    /** A new message timestamp, unique and increasing like Slack's {@code 1712345678.000100}. */
    private String nextTs() {
        long micros = clock.addAndGet(100);
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }

    WorkspaceMessage post(String channelId, String threadTs, String userId, String text, JsonNode blocks) {
        return add(channelId, threadTs, userId, text, blocks, null);
    }

    WorkspaceMessage postEphemeral(String channelId, String threadTs, String toUser, String text, JsonNode blocks) {
        return add(channelId, threadTs, BOT_USER_ID, text, blocks, toUser);
    }

    private WorkspaceMessage add(
            String channelId, String threadTs, String userId, String text, JsonNode blocks, String visibleTo) {
        WorkspaceMessage message;
        synchronized (this) {
            message = new WorkspaceMessage(channelId, nextTs(), threadTs, userId, text, blocks, false, visibleTo);
            messages.add(message);
            if (messages.size() > MAX_MESSAGES) {
                messages.remove(0);
            }
        }
        changed();
        return message;
    }

    Optional<WorkspaceMessage> update(String channelId, String ts, String text, JsonNode blocks) {
        Optional<WorkspaceMessage> updated = Optional.empty();
        synchronized (this) {
            for (int i = 0; i < messages.size(); i++) {
                WorkspaceMessage m = messages.get(i);
                if (m.ts().equals(ts) && m.channelId().equals(channelId) && m.visibleTo() == null) {
                    WorkspaceMessage edited = m.edit(text, blocks);
                    messages.set(i, edited);
                    updated = Optional.of(edited);
                    break;
                }
            }
        }
        updated.ifPresent(m -> changed());
        return updated;
    }

    synchronized Optional<WorkspaceMessage> message(String channelId, String ts) {
        return messages.stream()
                .filter(m -> m.ts().equals(ts) && m.channelId().equals(channelId))
                .findFirst();
    }

    /** Every message {@code viewer} may see, in posting order. */
    synchronized List<WorkspaceMessage> visibleTo(String viewer) {
        return messages.stream()
                .filter(m -> m.visibleTo() == null || m.visibleTo().equals(viewer))
                .toList();
    }

    void publishHome(String userId, JsonNode view) {
        synchronized (this) {
            homeViews.put(userId, view);
        }
        changed();
    }

    synchronized Optional<JsonNode> home(String userId) {
        return Optional.ofNullable(homeViews.get(userId));
    }

    /** The members of the approvers' group. */
    synchronized List<String> approvers() {
        return people.values().stream()
                .filter(LocalPerson::approver)
                .map(LocalPerson::id)
                .toList();
    }
}
