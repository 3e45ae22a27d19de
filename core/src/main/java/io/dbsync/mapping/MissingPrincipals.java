package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The missing-principals policy, applied after the renames against the target's principals
 * ({@link PrincipalDirectory}). Under {@code create} the principals the export declares count as
 * present (they will be created); under {@code map}, {@code drop} and {@code fail} only the target's do.
 * A missing principal is then: a need ({@code map}: with the rename to add; {@code fail}); or, under
 * {@code drop}, left out — its databricks_user/group/service_principal, the ACL, grant and table-ACL
 * entries naming it (Hive DENYs too: a principal the target lacks has no access to narrow), its secret ACLs, and UC {@code owner} fields (the creator owns instead): access
 * only ever narrows. Owners (IS_OWNER entries, a job's {@code run_as}) get the fallback owner when one is
 * configured, under any policy; without one, {@code drop} gives IS_OWNER to the identity running the
 * import and removes {@code run_as} (the job runs as its owner). {@code single_user_name} takes the
 * fallback owner too, and is a need without one.
 */
final class MissingPrincipals {
  private record Declaration(String type, String field, PrincipalKind kind) {}

  private static final List<Declaration> DECLARATIONS = List.of(
      new Declaration("databricks_user", "user_name", PrincipalKind.USER),
      new Declaration("databricks_group", "display_name", PrincipalKind.GROUP),
      new Declaration("databricks_service_principal", "application_id", PrincipalKind.SERVICE_PRINCIPAL));
  private static final List<String> ENTRY_ARRAYS = List.of("access_control", "grant", "privilege_assignments");
  /** Hive metastore DENYs ride in terraform_data's input (kind.admin.HiveDenyKind): entries like grants'. */
  private static final String HIVE_DENIES = "/input/hive_metastore_denies/deny_assignments";
  private static final String SECRET_ACL = "databricks_secret_acl";

  private enum Status { PRESENT, MISSING }

  private final TranslationRun run;
  private final PrincipalDirectory directory;
  private final PrincipalPolicy policy;
  private final Set<String> declared = new HashSet<>();

  private MissingPrincipals(TranslationRun run) {
    this.run = run;
    this.directory = run.target.principals();
    this.policy = run.mapping.missingPrincipals();
  }

  static void apply(TranslationRun run) {
    if (run.target.principals() != null) {
      new MissingPrincipals(run).apply();
    }
  }

  private void apply() {
    for (Declaration d : DECLARATIONS) {
      for (String address : run.kept(d.type())) {
        String name = run.literal(run.attrs.get(address).get(d.field()));
        if (name == null || directory.has(d.kind(), name)) {
          continue;
        }
        switch (policy) {
          case CREATE -> declared.add(name.toLowerCase(java.util.Locale.ROOT));
          case DROP -> run.drop(address, label(d.kind(), name) + " does not exist in the target (missing principals: drop)");
          default -> need(d.kind(), name, address);
        }
      }
    }
    for (String address : run.kept()) {
      ObjectNode attrs = run.attrs.get(address);
      if (run.types.get(address).equals(SECRET_ACL)) {
        secretAcl(address, attrs);
      }
      for (String array : ENTRY_ARRAYS) {
        if (attrs.get(array) instanceof ArrayNode entries) {
          entries(address, entries);
        }
      }
      if (attrs.at(HIVE_DENIES) instanceof ArrayNode denies) {
        entries(address, denies);
      }
      owner(address, attrs);
      if (attrs.get("run_as") instanceof ObjectNode runAs) {
        runAs(address, attrs, runAs);
      }
      TranslationRun.forEachObject(attrs, o -> singleUser(address, o));
    }
  }

  private Status status(JsonNode v, PrincipalKind kind) {
    if (run.refersToDropped(v)) {
      return Status.MISSING;
    }
    String name = run.literal(v);
    if (name == null || declared.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return Status.PRESENT; // unknown until apply, or created by this import
    }
    return (kind == null ? directory.hasAny(name) : directory.has(kind, name)) ? Status.PRESENT : Status.MISSING;
  }

  private void secretAcl(String address, ObjectNode attrs) {
    JsonNode p = attrs.get("principal");
    if (p != null && status(p, null) == Status.MISSING) {
      missing(address, p, null, () -> run.drop(address, "its principal does not exist in the target (missing principals: drop)"));
    }
  }

  private void entries(String address, ArrayNode entries) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (!(entries.get(i) instanceof ObjectNode entry)) {
        continue;
      }
      String field = principalField(entry);
      if (field == null) {
        continue;
      }
      PrincipalKind kind = PrincipalKind.ofAclField(field);
      JsonNode v = entry.get(field);
      if (status(v, kind) == Status.PRESENT) {
        continue;
      }
      if ("IS_OWNER".equals(entry.path("permission_level").asText())) {
        ownerEntry(address, entry, field, v);
        continue;
      }
      int at = i;
      missing(address, v, kind, () -> {
        entries.remove(at);
        run.summary.count("access of missing " + describe(v, kind) + " removed");
      });
    }
  }

  private void ownerEntry(String address, ObjectNode entry, String field, JsonNode v) {
    String replacement = fallback(address);
    if (replacement == null && policy == PrincipalPolicy.DROP) {
      replacement = directory.me();
    }
    if (replacement == null) {
      if (policy != PrincipalPolicy.CREATE) {
        need(kindOf(v, PrincipalKind.ofAclField(field)), nameOf(v), address);
      }
      return;
    }
    entry.remove(field);
    entry.put(PrincipalKind.guess(replacement).aclField, replacement);
    run.summary.count("owner " + describe(v, null) + " -> " + replacement);
  }

  private void owner(String address, ObjectNode attrs) {
    JsonNode v = attrs.get("owner");
    if (v != null && status(v, null) == Status.MISSING) {
      missing(address, v, null, () -> {
        attrs.remove("owner");
        run.summary.count("owner " + describe(v, null) + " removed (the creator owns it)");
      });
    }
  }

  private void runAs(String address, ObjectNode attrs, ObjectNode runAs) {
    String field = principalField(runAs);
    if (field == null) {
      return;
    }
    JsonNode v = runAs.get(field);
    if (status(v, PrincipalKind.ofAclField(field)) == Status.PRESENT) {
      return;
    }
    String replacement = fallback(address);
    if (replacement != null) {
      runAs.remove(field);
      runAs.put(PrincipalKind.guess(replacement).aclField, replacement);
      run.summary.count("run_as " + describe(v, null) + " -> " + replacement);
    } else if (policy == PrincipalPolicy.DROP) {
      attrs.remove("run_as");
      run.summary.count("run_as " + describe(v, null) + " removed (runs as the owner)");
    } else if (policy != PrincipalPolicy.CREATE) {
      need(kindOf(v, PrincipalKind.ofAclField(field)), nameOf(v), address);
    }
  }

  private void singleUser(String address, ObjectNode o) {
    JsonNode v = o.get("single_user_name");
    if (v == null || status(v, null) == Status.PRESENT) {
      return;
    }
    String replacement = fallback(address);
    if (replacement != null) {
      o.put("single_user_name", replacement);
      run.summary.count("single_user_name " + describe(v, null) + " -> " + replacement);
    } else if (policy != PrincipalPolicy.CREATE) {
      need(kindOf(v, null), nameOf(v), address);
    }
  }

  /** The configured fallback owner, when the target has it (a need when it does not). */
  private String fallback(String address) {
    String f = run.mapping.fallbackOwner();
    if (f == null) {
      return null;
    }
    PrincipalKind kind = PrincipalKind.guess(f);
    if (kind == PrincipalKind.GROUP || !directory.has(kind, f)) {
      run.needs.add("fallback owner " + f + " is not a user or service principal of the target",
          "fallback_owner: \"<user or service principal application id in the target>\"", address);
      return null;
    }
    return f;
  }

  /** Under drop runs {@code drop}; under map and fail records a need; under create leaves it (as without a policy). */
  private void missing(String address, JsonNode v, PrincipalKind kind, Runnable drop) {
    switch (policy) {
      case DROP -> drop.run();
      case MAP, FAIL -> need(kindOf(v, kind), nameOf(v), address);
      default -> { }
    }
  }

  private void need(PrincipalKind kind, String name, String address) {
    String what = label(kind, name) + " does not exist in the target"
        + (policy == PrincipalPolicy.FAIL ? " (missing principals: fail)" : "");
    run.needs.add(what, "principals: {" + kind.section + ": {" + Needs.quote(name) + ": \"<"
        + StringRewrites.label(kind) + " in the target>\"}}", address);
  }

  private static String principalField(ObjectNode entry) {
    for (PrincipalKind k : PrincipalKind.values()) {
      if (entry.hasNonNull(k.aclField)) {
        return k.aclField;
      }
    }
    return entry.hasNonNull("principal") ? "principal" : null;
  }

  private String nameOf(JsonNode v) {
    String literal = run.literal(v);
    if (literal != null) {
      return literal;
    }
    // a reference to a dropped principal resource: its name as declared
    return Ref.of(v).map(r -> run.attrs.get(r.address())).map(a -> a.get(Ref.of(v).get().attribute()))
        .map(JsonNode::asText).orElse(v.asText());
  }

  private PrincipalKind kindOf(JsonNode v, PrincipalKind kind) {
    return kind != null ? kind : PrincipalKind.guess(nameOf(v));
  }

  private String describe(JsonNode v, PrincipalKind kind) {
    return label(kindOf(v, kind), nameOf(v));
  }

  private static String label(PrincipalKind kind, String name) {
    return StringRewrites.label(kind) + " " + name;
  }
}
