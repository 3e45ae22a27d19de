package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One changed top-level attribute. {@code before} null = added, {@code after} null = removed.
 * {@code forcesReplacement}: the change hits a force-new attribute of the kind.
 */
public record AttrChange(String key, JsonNode before, JsonNode after, boolean forcesReplacement) {}
