package io.dbsync.emulator.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM PATCH (RFC 7644 §3.5.2) as the workspace API accepts it: ops add/remove/replace
 * (case-insensitive); a path of an attribute ("roles"), a sub-attribute ("name.givenName"), or a
 * multi-valued attribute with a value filter ("members[value eq \"123\"]"); or no path and an
 * object value of attributes. "members" and "groups" change group membership.
 */
final class ScimPatch {
  private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final Pattern PATH = Pattern.compile("^([A-Za-z$]+)(?:\\[(.*)])?(?:\\.([A-Za-z]+))?$");
  private static final Set<String> MULTI = Set.of("members", "groups", "entitlements", "roles", "emails");
  private static final Set<String> READ_ONLY = Set.of("userName", "emails", "applicationId");

  private final ScimFamily family;

  ScimPatch(ScimFamily family) {
    this.family = family;
  }

  ObjectNode apply(ScimKind kind, ObjectNode node, ObjectNode body) {
    JsonNode schemas = body.get("schemas");
    if (schemas != null && schemas.isArray() && !schemas.toString().contains(PATCH_SCHEMA)) {
      throw ApiException.scim(400, "Unsupported schema for a patch request.", "invalidSyntax");
    }
    JsonNode ops = ScimFilter.field(body, "Operations");
    if (ops == null || !ops.isArray()) {
      throw ApiException.scim(400, "Request is unparsable, syntactically incorrect, or violates schema.", "invalidSyntax");
    }
    // RFC 7644 §3.5.2: the operations are applied atomically; on any error the resource is unchanged
    // (one add op of many members with one unknown leaves the group as it was)
    ObjectNode before = node.deepCopy();
    try {
      applyAll(kind, node, ops);
    } catch (ApiException e) {
      node.removeAll();
      node.setAll(before);
      throw e;
    }
    return node;
  }

  private void applyAll(ScimKind kind, ObjectNode node, JsonNode ops) {
    for (JsonNode op : ops) {
      String verb = Json.text(op, "op") == null ? "" : Json.text(op, "op").toLowerCase(Locale.ROOT);
      if (!Set.of("add", "remove", "replace").contains(verb)) {
        throw ApiException.scim(400, "Unsupported patch operation: " + Json.text(op, "op"), "invalidSyntax");
      }
      String path = Json.text(op, "path");
      JsonNode value = op.get("value");
      if (path == null || path.isBlank()) {
        if (value == null || !value.isObject()) {
          throw ApiException.scim(400, "A patch operation without a path needs an object value.", "noTarget");
        }
        value.properties().forEach(e -> applyOne(kind, node, verb, e.getKey(), null, null, e.getValue()));
      } else {
        Matcher m = PATH.matcher(path.trim());
        if (!m.matches()) {
          throw ApiException.scim(400, "Invalid path: " + path, "invalidPath");
        }
        applyOne(kind, node, verb, m.group(1), m.group(2), m.group(3), value);
      }
    }
  }

  private void applyOne(ScimKind kind, ObjectNode node, String verb, String rawAttr, String filter, String sub, JsonNode value) {
    if (rawAttr.equalsIgnoreCase("schemas") || rawAttr.equalsIgnoreCase("id")) {
      return;
    }
    String attr = kind.attribute(rawAttr);
    if (attr == null) {
      throw ApiException.scim(400, "No such attribute with the name : " + rawAttr + " in the current resource", "invalidPath");
    }
    if (READ_ONLY.contains(attr)) {
      return; // userName, emails and applicationId cannot change: silently ignored like the real API
    }
    Predicate<JsonNode> match = filter == null ? null : ScimFilter.parse(filter);
    if (attr.equals("members") || attr.equals("groups")) {
      membership(node, attr, verb, match, value);
    } else if (MULTI.contains(attr)) {
      multiValued(node, attr, verb, match, value);
    } else if (sub != null) {
      ObjectNode parent = node.has(attr) && node.get(attr).isObject() ? (ObjectNode) node.get(attr) : node.putObject(attr);
      if (verb.equals("remove")) {
        parent.remove(sub);
      } else {
        parent.set(sub, Json.copy(value));
      }
    } else if (verb.equals("remove")) {
      node.remove(attr);
    } else {
      if (value == null) {
        throw ApiException.scim(400, "A value is required for " + verb + " of " + attr, "invalidValue");
      }
      node.set(attr, Json.copy(value.isArray() && value.size() == 1 && !value.get(0).isObject() ? value.get(0) : value));
    }
  }

  private void multiValued(ObjectNode node, String attr, String verb, Predicate<JsonNode> match, JsonNode value) {
    ArrayNode current = node.has(attr) && node.get(attr).isArray() ? (ArrayNode) node.get(attr) : node.putArray(attr);
    switch (verb) {
      case "replace" -> {
        if (match != null) {
          removeWhere(current, match);
        } else {
          current.removeAll();
        }
        addValues(current, value);
      }
      case "add" -> addValues(current, value);
      default -> {
        if (match != null) {
          removeWhere(current, match);
        } else if (value == null) {
          current.removeAll();
        } else {
          for (JsonNode v : asArray(value)) {
            removeWhere(current, e -> Json.text(e, "value") != null && Json.text(e, "value").equals(Json.text(v, "value")));
          }
        }
      }
    }
    if (current.isEmpty()) {
      node.remove(attr);
    }
  }

  private static void addValues(ArrayNode current, JsonNode value) {
    if (value == null) {
      throw ApiException.scim(400, "A value is required.", "invalidValue");
    }
    for (JsonNode v : asArray(value)) {
      boolean present = false;
      for (JsonNode e : current) {
        present |= Json.text(e, "value") != null && Json.text(e, "value").equals(Json.text(v, "value"));
      }
      if (!present) {
        current.add(Json.copy(v));
      }
    }
  }

  /** members of a group, or groups of any resource: both edit group membership. */
  private void membership(ObjectNode node, String attr, String verb, Predicate<JsonNode> match, JsonNode value) {
    String id = node.get("id").asText();
    if (attr.equals("members")) {
      ArrayNode members = node.withArray("members");
      if (verb.equals("replace") && match == null) {
        members.removeAll();
      }
      if (match != null && !verb.equals("add")) {
        removeWhere(members, match);
      } else if (verb.equals("remove")) {
        if (value == null) {
          members.removeAll();
        } else {
          for (JsonNode v : asArray(value)) {
            ScimFamily.removeMember(node, Json.text(v, "value"));
          }
        }
      }
      if (!verb.equals("remove") && value != null) {
        for (JsonNode v : asArray(value)) {
          family.addMember(node, Json.text(v, "value"));
        }
      }
      return;
    }
    if (!verb.equals("remove") && value != null) {
      for (JsonNode v : asArray(value)) {
        family.require(ScimKind.GROUPS, Json.text(v, "value")); // before any group changes: atomic
      }
    }
    for (ObjectNode g : family.groupsOf(id)) {
      ObjectNode ref = Json.object().put("value", g.get("id").asText()).put("display", Json.text(g, "displayName"));
      boolean selected = match == null ? verb.equals("replace") || value == null || containsValue(value, g.get("id").asText())
          : match.test(ref);
      if (!verb.equals("add") && selected) {
        ScimFamily.removeMember(g, id);
      }
    }
    if (!verb.equals("remove") && value != null) {
      for (JsonNode v : asArray(value)) {
        family.addMember(family.require(ScimKind.GROUPS, Json.text(v, "value")), id);
      }
    }
  }

  private static boolean containsValue(JsonNode value, String id) {
    for (JsonNode v : asArray(value)) {
      if (id.equals(Json.text(v, "value"))) {
        return true;
      }
    }
    return false;
  }

  private static void removeWhere(ArrayNode array, Predicate<JsonNode> p) {
    for (int i = array.size() - 1; i >= 0; i--) {
      if (p.test(array.get(i))) {
        array.remove(i);
      }
    }
  }

  private static ArrayNode asArray(JsonNode value) {
    if (value.isArray()) {
      return (ArrayNode) value;
    }
    ArrayNode a = Json.array();
    a.add(value);
    return a;
  }
}
