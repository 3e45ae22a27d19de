package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;

/** A variable block: type ("string", "bool", "number" or null), default (null = required), sensitive. */
public record VariableDecl(String name, String type, JsonNode defaultValue, boolean sensitive,
                           String description) {}
