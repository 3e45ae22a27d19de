package io.dbsync.bench;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Rest;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The "change in the source" of the disaster-recovery run: what a week of work does to a workspace,
 * about 1% of each kind, through the REST API (every change an import must carry to the target, and a
 * rollback undo): notebooks edited, jobs deleted, users added, clusters reconfigured, pinned and
 * unpinned, grants changed, secrets added, ACLs and group members removed, init scripts reordered.
 */
final class SourceChanges {
  private final WorkspaceClient w;
  private final Population p;
  private final List<String> done = new ArrayList<>();

  private SourceChanges(WorkspaceClient w, Population p) {
    this.w = w;
    this.p = p;
  }

  /** Applies the changes; returns one line saying what changed. */
  static String apply(WorkspaceClient w, Population p) throws IOException {
    SourceChanges c = new SourceChanges(w, p);
    c.notebooks();
    c.jobs();
    c.users();
    c.clusters();
    c.grants();
    c.secrets();
    c.groups();
    c.initScripts();
    return "Source change between the exports: " + String.join(", ", c.done) + ".";
  }

  private static int every(int n) {
    return Math.max(1, n / Math.max(1, n / 100));
  }

  private void notebooks() throws IOException {
    int n = 0;
    for (int i = 0; i < p.notebooks(); i += every(p.notebooks())) {
      String body = "# Databricks notebook source\nprint('edited " + i + "')\n";
      Rest.post(w, "/api/2.0/workspace/import", TfJson.object().put("path", p.notebookPath(i)).put("format", "SOURCE")
          .put("language", "PYTHON").put("overwrite", true)
          .put("content", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))));
      n++;
    }
    done.add(n + " notebooks edited");
  }

  private void jobs() throws IOException {
    int n = 0;
    for (int i = 1; i < p.jobs(); i += every(p.jobs())) {
      Rest.post(w, "/api/2.2/jobs/delete", TfJson.object().put("job_id", Population.jobId(i)));
      n++;
    }
    done.add(n + " jobs deleted");
  }

  private void users() throws IOException {
    int n = Math.max(1, p.users() / 100);
    for (int i = 0; i < n; i++) {
      ObjectNode u = TfJson.object().put("userName", String.format("added%04d@example.com", i)).put("displayName", "Added " + i);
      u.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
      Rest.post(w, "/api/2.0/preview/scim/v2/Users", u);
    }
    done.add(n + " users added");
  }

  /** Every 100th cluster gets another autotermination and spark_conf (clusters/edit takes the whole spec). */
  private void clusters() throws IOException {
    int n = 0;
    for (int i = 2; i < p.clusters(); i += every(p.clusters())) {
      JsonNode c = Rest.get(w, "/api/2.1/clusters/get", Map.of("cluster_id", Population.clusterId(i)));
      ObjectNode edit = TfJson.object();
      for (String f : List.of("cluster_id", "cluster_name", "spark_version", "instance_pool_id", "node_type_id",
          "num_workers", "autoscale", "custom_tags")) {
        if (c.has(f)) {
          edit.set(f, c.get(f));
        }
      }
      edit.put("autotermination_minutes", 45);
      edit.putObject("spark_conf").put("spark.sql.shuffle.partitions", "500");
      Rest.post(w, "/api/2.1/clusters/edit", edit);
      n++;
    }
    JsonNode pinned = Rest.get(w, "/api/2.1/clusters/list", Map.of("filter_by.is_pinned", "true"));
    if (pinned.path("clusters").size() > 0) {
      Rest.post(w, "/api/2.1/clusters/unpin", TfJson.object().put("cluster_id", pinned.at("/clusters/0/cluster_id").asText()));
    }
    Rest.post(w, "/api/2.1/clusters/pin", TfJson.object().put("cluster_id", Population.clusterId(p.clusters() - 1)));
    done.add(n + " clusters reconfigured, one unpinned and one pinned");
  }

  private void grants() throws IOException {
    int n = 0;
    for (int i = 0; i < p.clusters(); i += p.grantEvery() * every(p.clusters() / p.grantEvery())) {
      ObjectNode body = TfJson.object();
      ArrayNode acl = body.putArray("access_control_list");
      acl.addObject().put("group_name", Population.groupName((i + 1) % p.groups())).put("permission_level", "CAN_ATTACH_TO");
      Rest.put(w, "/api/2.0/permissions/clusters/" + Population.clusterId(i), body);
      n++;
    }
    done.add(n + " cluster grants replaced");
  }

  private void secrets() throws IOException {
    int n = 0;
    for (int s = 0; s < p.secretScopes(); s += every(p.secretScopes())) {
      String scope = "bench-scope-" + s;
      Rest.post(w, "/api/2.0/secrets/put", TfJson.object().put("scope", scope).put("key", "added").put("string_value", "v"));
      Rest.post(w, "/api/2.0/secrets/acls/delete", TfJson.object().put("scope", scope)
          .put("principal", Population.groupName(s % p.groups())));
      n++;
    }
    done.add(n + " scopes with a secret added and their ACL removed");
  }

  private void groups() throws IOException {
    int n = 0;
    JsonNode groups = Rest.get(w, "/api/2.0/preview/scim/v2/Groups", Map.of("count", "10000"));
    List<JsonNode> bench = new ArrayList<>();
    groups.path("Resources").forEach(g -> {
      if (g.path("displayName").asText().startsWith("team-")) {
        bench.add(g);
      }
    });
    for (int i = 0; i < bench.size(); i += every(bench.size())) {
      JsonNode g = bench.get(i);
      String member = g.at("/members/0/value").asText();
      ObjectNode patch = TfJson.object();
      patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
      patch.putArray("Operations").addObject().put("op", "remove").put("path", "members[value eq \"" + member + "\"]");
      Rest.patch(w, "/api/2.0/preview/scim/v2/Groups/" + g.path("id").asText(), patch);
      n++;
    }
    done.add(n + " group members removed");
  }

  private void initScripts() throws IOException {
    JsonNode scripts = Rest.get(w, "/api/2.0/global-init-scripts", Map.of()).path("scripts");
    String last = null;
    int max = -1;
    for (JsonNode s : scripts) {
      if (s.path("position").asInt() > max) {
        max = s.path("position").asInt();
        last = s.path("script_id").asText();
      }
    }
    if (last != null) {
      Rest.patch(w, "/api/2.0/global-init-scripts/" + last, TfJson.object().put("position", 0));
      done.add("the last global init script moved first");
    }
  }
}
