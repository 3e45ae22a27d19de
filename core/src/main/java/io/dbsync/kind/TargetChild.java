package io.dbsync.kind;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A child resource found in the target inside an object the import manages (a secret or ACL of a
 * scope, a member of a group), see {@link Kind#targetChildren}.
 *
 * @param type  its Terraform type (a resource-only kind)
 * @param name  the resource name an export would give it
 * @param id    its target id, as the kind's {@link Kind#naturalId} computes it from attributes
 * @param attrs its attributes as a refresh renders them
 */
public record TargetChild(String type, String name, String id, ObjectNode attrs) {}
