package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Instance profiles: on AWS an instance_profiles entry renames an ARN (account move) or removes it; on
 * Azure and GCP, which have none, every ARN needs an entry ({@code null}, or {@code {uc_credential: NAME}}
 * for the Unity Catalog credential that takes over its data access; {@code "*"} covers every ARN) and is
 * removed: the databricks_instance_profile resource, the user and group assignments, and each
 * {@code instance_profile_arn} of clusters, pools, job and pipeline clusters, warehouses and endpoints.
 */
final class InstanceProfiles {
  static final String TYPE = "databricks_instance_profile";
  static final Set<String> ASSIGNMENTS = Set.of("databricks_user_instance_profile", "databricks_group_instance_profile");
  private static final String FIELD = "instance_profile_arn";
  private static final String ASSIGNMENT_FIELD = "instance_profile_id";

  enum Action { KEEP, RENAME, REMOVE, NEED }

  record Decision(Action action, String arn, ProfileTarget entry) {}

  private InstanceProfiles() {}

  static void apply(TranslationRun run) {
    for (String address : run.kept(TYPE)) {
      ObjectNode attrs = run.attrs.get(address);
      JsonNode arn = attrs.get(FIELD);
      if (!Ref.isLiteral(arn)) {
        continue;
      }
      Decision d = decide(run, arn.asText(), address);
      if (d.action() == Action.REMOVE) {
        run.drop(address, removal(run, arn.asText(), d.entry(), holders(run, address)));
      } else if (d.action() == Action.RENAME) {
        attrs.put(FIELD, d.arn());
      }
    }
    for (String address : run.kept()) {
      String type = run.types.get(address);
      ObjectNode attrs = run.attrs.get(address);
      if (ASSIGNMENTS.contains(type)) {
        assignment(run, address, attrs);
      } else if (!type.equals(TYPE)) {
        TranslationRun.forEachObject(attrs, o -> reference(run, address, o));
      }
    }
  }

  /** What becomes of {@code arn} (a need is recorded against {@code address}). */
  static Decision decide(TranslationRun run, String arn, String address) {
    ProfileTarget entry = run.mapping.instanceProfiles().get(arn);
    if (entry == null) {
      entry = run.mapping.instanceProfiles().get("*");
    }
    Cloud to = run.targetCloud();
    if (to != null && to != Cloud.AWS) {
      if (entry == null || !entry.drops()) {
        run.needs.add("instance profile " + arn + (entry == null ? " has no entry" : " maps to an ARN") + ": "
                + to.id() + " has no instance profiles",
            "instance_profiles: {" + Needs.quote(arn) + ": null}   # or {uc_credential: <credential name>}", address);
        return new Decision(Action.NEED, arn, entry);
      }
      return new Decision(Action.REMOVE, arn, entry);
    }
    if (entry == null) {
      return new Decision(Action.KEEP, arn, null);
    }
    if (entry.drops()) {
      return new Decision(Action.REMOVE, arn, entry);
    }
    if (!entry.arn().equals(arn)) {
      run.summary.count("instance profile " + arn + " -> " + entry.arn());
    }
    return new Decision(Action.RENAME, entry.arn(), entry);
  }

  /** The ARN that replaces {@code arn}, when the mapping renames it. */
  static Optional<String> renamedArn(TranslationRun run, String arn) {
    Decision d = run.mapping.instanceProfiles().containsKey(arn) || run.mapping.instanceProfiles().containsKey("*")
        ? decide(run, arn, "cluster policy") : new Decision(Action.KEEP, arn, null);
    return d.action() == Action.RENAME ? Optional.of(d.arn()) : Optional.empty();
  }

  private static void assignment(TranslationRun run, String address, ObjectNode attrs) {
    JsonNode v = attrs.get(ASSIGNMENT_FIELD);
    if (run.refersToDropped(v)) {
      run.drop(address, "its instance profile is removed");
    } else if (Ref.isLiteral(v)) {
      Decision d = decide(run, v.asText(), address);
      if (d.action() == Action.REMOVE) {
        run.drop(address, "its instance profile " + v.asText() + " is removed");
      } else if (d.action() == Action.RENAME) {
        attrs.put(ASSIGNMENT_FIELD, d.arn());
      }
    }
  }

  private static void reference(TranslationRun run, String address, ObjectNode o) {
    JsonNode v = o.get(FIELD);
    if (v == null) {
      return;
    }
    if (run.refersToDropped(v)) {
      o.remove(FIELD);
      run.summary.count("instance profile reference removed from compute settings");
    } else if (Ref.isLiteral(v)) {
      Decision d = decide(run, v.asText(), address);
      if (d.action() == Action.REMOVE) {
        o.remove(FIELD);
        run.summary.count("instance profile reference removed from compute settings");
      } else if (d.action() == Action.RENAME) {
        o.put(FIELD, d.arn());
      }
    }
  }

  /** The users and groups assigned a profile resource (their addresses). */
  private static List<String> holders(TranslationRun run, String profileAddress) {
    List<String> out = new ArrayList<>();
    for (String type : ASSIGNMENTS) {
      for (String a : run.kept(type)) {
        ObjectNode attrs = run.attrs.get(a);
        if (Ref.of(attrs.get(ASSIGNMENT_FIELD)).map(r -> r.address().equals(profileAddress)).orElse(false)) {
          for (String f : List.of("user_id", "group_id")) {
            Ref.of(attrs.get(f)).ifPresent(r -> out.add(r.address()));
          }
        }
      }
    }
    return out;
  }

  private static String removal(TranslationRun run, String arn, ProfileTarget entry, List<String> holders) {
    Cloud to = run.targetCloud();
    String why = to != null && to != Cloud.AWS ? to.id() + " has no instance profiles" : "the mapping file removes it";
    if (entry != null && entry.ucCredential() != null) {
      return "instance profile " + arn + " -> Unity Catalog credential " + entry.ucCredential() + " (" + why
          + ")" + (holders.isEmpty() ? "" : "; grant " + String.join(", ", holders) + " access through it");
    }
    return "instance profile " + arn + " removed (" + why + ")";
  }
}
