package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A view in the fake world: a Home tab published with {@code views.publish}, or a modal.
 *
 * @param viewId its id ({@code V...}), stable across updates
 * @param userId the user whose Home tab it is, or who opened the modal
 * @param view the view as last sent
 * @param version 1, plus one per publish or update
 */
public record PublishedView(String viewId, String userId, ObjectNode view, int version) {}
