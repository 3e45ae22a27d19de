package io.dbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * How many objects of each kind the source workspace gets, and the emulator seed document that
 * creates them (one {@code Emulator.seed} call: seeding is not what is measured). Content is
 * deterministic (fixed random seed) so two runs export byte-identical trees.
 */
public record Population(int users, int groups, int membersPerGroup, int policies, int pools, int clusters,
                         int jobs, int tasksPerJob, int notebooks, int dbfsFiles, int bigDbfsFiles,
                         int bigFileBytes, int secretScopes, int secretsPerScope, int grantEvery,
                         int instanceProfiles, int initScripts, int librariesEvery, int pinnedClusters) implements Workload {
  /** Root of the seeded notebooks; the export config selects only this tree (not the users' homes). */
  public static final String NOTEBOOK_ROOT = "/Shared/bench";
  public static final String DBFS_ROOT = "/FileStore/bench";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The brief's sizes: 200 users, 50 groups, 100 clusters, 200 jobs, 500 notebooks, 50 DBFS files... */
  public static Population standard() {
    return new Population(200, 50, 8, 10, 10, 100, 200, 3, 500, 50, 3, 2 * 1024 * 1024 + 17, 20, 3, 5, 10, 5, 4, 5);
  }

  /**
   * The disaster-recovery scale (issue 9): over 10,000 exported objects of every kind the seed tool
   * exports, with groups of members, scopes with secrets and ACLs, grants, pinned clusters.
   */
  public static Population disasterRecovery() {
    return new Population(2000, 500, 8, 200, 100, 1000, 1500, 3, 3600, 800, 2, 2 * 1024 * 1024 + 17, 300, 3, 5, 50,
        30, 4, 50);
  }

  /** Every count multiplied by {@code factor} (at least 1 each); MB-size files keep their size. */
  public Population scaled(double factor) {
    return new Population(s(users, factor), s(groups, factor), membersPerGroup, s(policies, factor),
        s(pools, factor), s(clusters, factor), s(jobs, factor), tasksPerJob, s(notebooks, factor),
        s(dbfsFiles, factor), Math.min(bigDbfsFiles, s(dbfsFiles, factor)), bigFileBytes, s(secretScopes, factor),
        secretsPerScope, grantEvery, s(instanceProfiles, factor), s(initScripts, factor), librariesEvery,
        Math.min(pinnedClusters, s(clusters, factor)));
  }

  private static int s(int n, double factor) {
    return Math.max(1, (int) Math.round(n * factor));
  }

  /** Every kind of the seed tool's config: what `init` selects. */
  @Override
  public String config() {
    return """
        name: bench
        objects:
          identity: {}
          instance_profile: {}
          cluster_policy: {}
          instance_pool: {}
          cluster: {}
          job: {}
          global_init_script: {}
          secret: {}
          notebook:
            notebook_path: "%s"
          dbfs_file:
            dbfs_path: "dbfs:%s"
        """.formatted(NOTEBOOK_ROOT, DBFS_ROOT);
  }

  /** One line for the report: what the source workspace holds. */
  @Override
  public String describe() {
    return users + " users, " + groups + " groups (" + membersPerGroup + " members each), " + policies
        + " policies, " + pools + " pools, " + clusters + " clusters, " + jobs + " jobs (" + tasksPerJob
        + " tasks each), " + notebooks + " notebooks, " + dbfsFiles + " DBFS files (" + bigDbfsFiles + " of "
        + String.format("%.1f", bigFileBytes / 1048576.0) + " MiB), " + secretScopes + " secret scopes ("
        + secretsPerScope + " secrets each), " + instanceProfiles + " instance profiles, " + initScripts
        + " global init scripts, libraries on every " + librariesEvery + "th cluster, " + pinnedClusters
        + " pinned clusters, a grant on every " + grantEvery + "th cluster/job/pool/policy";
  }

  @Override
  public JsonNode seed() {
    ObjectNode root = JSON.createObjectNode();
    Random random = new Random(7);
    scim(root.putObject("scim"));
    policies(root.putArray("policies"));
    pools(root.putArray("instance-pools"));
    clusters(root.putArray("clusters"));
    libraries(root.putArray("libraries"));
    instanceProfiles(root.putArray("instance-profiles"));
    initScripts(root.putArray("global-init-scripts"));
    workspace(root.putArray("workspace"));
    jobs(root.putArray("jobs"));
    dbfs(root.putArray("dbfs"), random);
    secrets(root.putObject("secrets"));
    permissions(root.putArray("permissions"));
    return root;
  }

  static String userName(int i) {
    return String.format("user%04d@example.com", i);
  }

  static String groupName(int i) {
    return String.format("team-%03d", i);
  }

  static String clusterId(int i) {
    return String.format("0101-000000-bench%04d", i);
  }

  static String poolId(int i) {
    return String.format("0101-000000-pool%04d", i);
  }

  static String policyId(int i) {
    return String.format("B0000000000000%02d", i);
  }

  static long jobId(int i) {
    return 1000L + i;
  }

  String notebookPath(int i) {
    // 10 teams x 5 projects: folders two levels deep, ~10 notebooks per folder at the standard size
    return NOTEBOOK_ROOT + "/team-" + (i % 10) + "/project-" + (i / 10 % 5) + "/notebook-" + i;
  }

  private void scim(ObjectNode scim) {
    ArrayNode us = scim.putArray("users");
    for (int i = 0; i < users; i++) {
      ObjectNode u = us.addObject();
      u.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      u.put("userName", userName(i));
      u.put("displayName", "Bench User " + i);
      u.put("active", true);
      if (i % 4 == 0) {
        u.putArray("entitlements").addObject().put("value", "allow-cluster-create");
      }
    }
    ArrayNode gs = scim.putArray("groups");
    for (int g = 0; g < groups; g++) {
      ObjectNode grp = gs.addObject();
      grp.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
      grp.put("displayName", groupName(g));
      ArrayNode members = grp.putArray("members");
      for (int m = 0; m < Math.min(membersPerGroup, users); m++) {
        members.addObject().put("user_name", userName((g * membersPerGroup + m) % users));
      }
    }
  }

  private void policies(ArrayNode out) {
    for (int i = 0; i < policies; i++) {
      ObjectNode p = out.addObject();
      p.put("policy_id", policyId(i));
      p.put("name", "bench-policy-" + i);
      p.put("description", "At most " + (i + 2) + " workers");
      p.put("definition", "{\"autoscale.max_workers\":{\"type\":\"range\",\"maxValue\":" + (i + 2) + "}}");
    }
  }

  private void pools(ArrayNode out) {
    for (int i = 0; i < pools; i++) {
      ObjectNode p = out.addObject();
      p.put("instance_pool_id", poolId(i));
      p.put("instance_pool_name", "bench-pool-" + i);
      p.put("node_type_id", "i3.xlarge");
      p.put("min_idle_instances", 0);
      p.put("idle_instance_autotermination_minutes", 15);
    }
  }

  private void clusters(ArrayNode out) {
    int pinEvery = Math.max(1, clusters / Math.max(1, pinnedClusters));
    for (int i = 0; i < clusters; i++) {
      ObjectNode c = out.addObject();
      c.put("cluster_id", clusterId(i));
      c.put("cluster_name", "bench-cluster-" + i);
      c.put("spark_version", "15.4.x-scala2.12");
      c.put("state", i % 3 == 0 ? "RUNNING" : "TERMINATED");
      if (i % 2 == 0) {
        c.put("instance_pool_id", poolId(i % pools));
        c.putObject("autoscale").put("min_workers", 1).put("max_workers", 4);
      } else {
        c.put("node_type_id", "i3.xlarge");
        c.put("num_workers", 2);
      }
      c.put("autotermination_minutes", 30);
      c.putObject("spark_conf").put("spark.sql.shuffle.partitions", Integer.toString(8 * (i % 8 + 1)));
      c.putObject("custom_tags").put("team", "team-" + (i % 10));
      if (pinnedClusters > 0 && i % pinEvery == 0 && i / pinEvery < pinnedClusters) {
        c.put("pinned", true);
      }
    }
  }

  private void libraries(ArrayNode out) {
    for (int i = 0; i < clusters; i += librariesEvery) {
      ObjectNode l = out.addObject();
      l.put("cluster_id", clusterId(i));
      ArrayNode libs = l.putArray("libraries");
      libs.addObject().putObject("pypi").put("package", "requests==2.32." + (i % 4));
      libs.addObject().putObject("maven").put("coordinates", "com.example:bench-lib:1." + (i % 3));
    }
  }

  private void instanceProfiles(ArrayNode out) {
    for (int i = 0; i < instanceProfiles; i++) {
      out.addObject().put("instance_profile_arn", "arn:aws:iam::123456789012:instance-profile/bench-" + i);
    }
  }

  private void initScripts(ArrayNode out) {
    for (int i = 0; i < initScripts; i++) {
      String script = "#!/bin/bash\necho 'bench init script " + i + "'\n";
      out.addObject().put("name", "bench-init-" + i).put("enabled", i % 2 == 0)
          .put("script", Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void workspace(ArrayNode out) {
    for (int i = 0; i < notebooks; i++) {
      ObjectNode n = out.addObject();
      n.put("path", notebookPath(i));
      boolean sql = i % 5 == 0;
      n.put("language", sql ? "SQL" : "PYTHON");
      StringBuilder body = new StringBuilder(sql ? "-- Databricks notebook source\n" : "# Databricks notebook source\n");
      for (int line = 0; line < 20; line++) {
        body.append(sql ? "SELECT " + line + " AS c" + i + ";\n" : "print('notebook " + i + " line " + line + "')\n");
      }
      n.put("content", body.toString());
    }
  }

  private void jobs(ArrayNode out) {
    for (int i = 0; i < jobs; i++) {
      ObjectNode j = out.addObject();
      j.put("job_id", jobId(i));
      j.put("name", "bench-job-" + i);
      j.put("max_concurrent_runs", 1);
      if (i % 2 == 0) {
        j.putObject("schedule").put("quartz_cron_expression", "0 0 " + (i % 24) + " * * ?")
            .put("timezone_id", "UTC").put("pause_status", "PAUSED");
      }
      ArrayNode tasks = j.putArray("tasks");
      for (int t = 0; t < tasksPerJob; t++) {
        ObjectNode task = tasks.addObject();
        task.put("task_key", "step-" + t);
        if (t > 0) {
          task.putArray("depends_on").addObject().put("task_key", "step-" + (t - 1));
        }
        if (i % 3 == 0) {
          ObjectNode nc = task.putObject("new_cluster");
          nc.put("spark_version", "15.4.x-scala2.12");
          nc.put("node_type_id", "i3.xlarge");
          nc.put("num_workers", 1);
        } else {
          task.put("existing_cluster_id", clusterId((i + t) % clusters));
        }
        task.putObject("notebook_task").put("notebook_path", notebookPath((i * tasksPerJob + t) % notebooks));
      }
    }
  }

  private void dbfs(ArrayNode out, Random random) {
    for (int i = 0; i < dbfsFiles; i++) {
      ObjectNode f = out.addObject();
      f.put("path", DBFS_ROOT + "/dir-" + (i % 5) + "/file-" + i + (i < bigDbfsFiles ? ".bin" : ".csv"));
      byte[] content;
      if (i < bigDbfsFiles) {
        content = new byte[bigFileBytes];
        random.nextBytes(content);
      } else {
        content = ("id,value\n" + "row,".repeat(50) + i + "\n").getBytes(StandardCharsets.UTF_8);
      }
      f.put("content_base64", Base64.getEncoder().encodeToString(content));
    }
  }

  private void secrets(ObjectNode out) {
    ArrayNode scopes = out.putArray("scopes");
    for (int s = 0; s < secretScopes; s++) {
      ObjectNode scope = scopes.addObject();
      scope.put("name", "bench-scope-" + s);
      ArrayNode secrets = scope.putArray("secrets");
      for (int k = 0; k < secretsPerScope; k++) {
        secrets.addObject().put("key", "key-" + k).put("string_value", "value-" + s + "-" + k);
      }
      scope.putArray("acls").addObject().put("principal", groupName(s % groups)).put("permission", "READ");
    }
  }

  private void permissions(ArrayNode out) {
    for (int i = 0; i < clusters; i += grantEvery) {
      grant(out, "clusters", clusterId(i), "group_name", groupName(i % groups), "CAN_RESTART");
    }
    for (int i = 0; i < jobs; i += grantEvery) {
      grant(out, "jobs", Long.toString(jobId(i)), "user_name", userName(i % users), "CAN_MANAGE_RUN");
    }
    for (int i = 0; i < pools; i += grantEvery) {
      grant(out, "instance-pools", poolId(i), "group_name", groupName(i % groups), "CAN_ATTACH_TO");
    }
    for (int i = 0; i < policies; i += grantEvery) {
      grant(out, "cluster-policies", policyId(i), "group_name", groupName(i % groups), "CAN_USE");
    }
  }

  private static void grant(ArrayNode out, String type, String id, String principalField, String principal,
                            String level) {
    ObjectNode p = out.addObject();
    p.put("type", type);
    p.put("id", id);
    p.putArray("access_control_list").addObject().put(principalField, principal).put("permission_level", level);
  }
}
