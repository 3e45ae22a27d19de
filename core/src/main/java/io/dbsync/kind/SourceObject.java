package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A listed source object. {@code name} is its Terraform resource name and file name (see
 * {@link io.dbsync.tf.Names#safe}); {@code id} is its id in the source workspace; {@code details} is the
 * full API object when the listing already returned it (saves a read per object), else null.
 */
public record SourceObject(String id, String name, JsonNode details) {}
