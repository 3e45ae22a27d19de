package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ACLs and owners name principals by plain strings (permissions' group_name / user_name /
 * service_principal_name, a secret ACL's or table ACL's principal, a Hive object's owner), not by
 * reference, so nothing in the attributes
 * orders them after the group, user or service principal that the same import creates. This adds
 * those edges: a resource naming a principal depends on the resource that declares it. Adding them
 * twice changes nothing (the mapping adds them again after renaming principals).
 */
public final class PrincipalDependencies {
  private static final Map<String, String> NAME_ATTRIBUTE = Map.of(
      "databricks_group", "display_name",
      "databricks_user", "user_name",
      "databricks_service_principal", "application_id");
  private static final Set<String> PRINCIPAL_FIELDS = Set.of("group_name", "user_name", "service_principal_name", "principal",
      "owner");

  private PrincipalDependencies() {}

  public static List<DesiredResource> add(List<DesiredResource> resources) {
    Map<String, String> declaring = new HashMap<>();
    for (DesiredResource r : resources) {
      String attr = NAME_ATTRIBUTE.get(r.type());
      JsonNode v = attr == null ? null : r.attrs().get(attr);
      if (v != null && v.isTextual()) {
        declaring.put(v.asText().toLowerCase(Locale.ROOT), r.address());
      }
    }
    List<DesiredResource> out = new ArrayList<>(resources.size());
    for (DesiredResource r : resources) {
      if (NAME_ATTRIBUTE.containsKey(r.type())) {
        out.add(r);
        continue;
      }
      Set<String> refs = new LinkedHashSet<>(r.references());
      collect(r.attrs(), declaring, refs);
      refs.remove(r.address());
      out.add(refs.size() == r.references().size() ? r
          : new DesiredResource(r.type(), r.name(), r.attrs(), new ArrayList<>(refs), r.dir(), r.file()));
    }
    return out;
  }

  private static void collect(JsonNode node, Map<String, String> declaring, Set<String> refs) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (PRINCIPAL_FIELDS.contains(e.getKey()) && e.getValue().isTextual()) {
          String address = declaring.get(e.getValue().asText().toLowerCase(Locale.ROOT));
          if (address != null) {
            refs.add(address);
          }
        } else {
          collect(e.getValue(), declaring, refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(x -> collect(x, declaring, refs));
    }
  }
}
