package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Cloud;
import io.dbsync.emulator.Family;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.Workspace;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Handler;
import io.dbsync.emulator.http.Request;
import io.dbsync.emulator.http.Response;
import io.dbsync.emulator.http.Router;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Instance profiles 2.0 (api-reference §3.4), on AWS workspaces only ({@link CloudRules}). ARNs are
 * validated by form only (no AWS call), so {@code skip_validation} changes nothing here.
 *
 * <p>Seed format (key {@code "instance-profiles"}): a JSON array of objects in the add shape
 * ({@code instance_profile_arn}, {@code iam_role_arn}, {@code is_meta_instance_profile}).
 * {@link #dump()} returns the stored profiles as list returns them.
 */
public final class InstanceProfilesFamily implements Family {
  private static final String BASE = "/api/2.0/instance-profiles/";
  private static final Pattern PROFILE_ARN =
      Pattern.compile("^arn:aws(-[a-z]+)*:iam::\\d{12}:instance-profile/[\\w+=,.@/-]+$");
  private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]+$");

  private final Map<String, ObjectNode> profiles = new LinkedHashMap<>();

  @Override
  public String name() {
    return "instance-profiles";
  }

  @Override
  public void register(Router router, Workspace workspace) {
    Cloud cloud = workspace.cloud();
    router.add("GET", BASE + "list", name(), onAws(cloud, this::list));
    router.add("POST", BASE + "add", name(), onAws(cloud, this::add));
    router.add("POST", BASE + "edit", name(), onAws(cloud, this::edit));
    router.add("POST", BASE + "remove", name(), onAws(cloud, this::remove));
  }

  /** Instance profiles are an AWS concept: on other clouds every endpoint answers an error. */
  private static Handler onAws(Cloud cloud, Handler handler) {
    return req -> {
      CloudRules.requireInstanceProfiles(cloud);
      return handler.handle(req);
    };
  }

  public boolean exists(String arn) {
    return arn != null && profiles.containsKey(arn);
  }

  private Response list(Request req) {
    ObjectNode out = Json.object();
    if (!profiles.isEmpty()) {
      ArrayNode arr = out.putArray("instance_profiles");
      profiles.values().forEach(p -> arr.add(Json.copy(p)));
    }
    return Response.ok(out);
  }

  private Response add(Request req) {
    ObjectNode p = build(req.json());
    String arn = p.get("instance_profile_arn").asText();
    if (profiles.containsKey(arn)) {
      throw ApiException.alreadyExists("Instance profile with this ARN already exists: " + arn);
    }
    profiles.put(arn, p);
    return Response.empty();
  }

  private Response edit(Request req) {
    ObjectNode p = build(req.json());
    String arn = p.get("instance_profile_arn").asText();
    if (!profiles.containsKey(arn)) {
      throw ApiException.notFound("Instance profile " + arn + " does not exist");
    }
    profiles.put(arn, p);
    return Response.empty();
  }

  private Response remove(Request req) {
    String arn = Fields.requireText(req.json(), "instance_profile_arn");
    if (profiles.remove(arn) == null) {
      throw ApiException.notFound("Instance profile " + arn + " does not exist");
    }
    return Response.empty();
  }

  private static ObjectNode build(JsonNode body) {
    String arn = Fields.requireText(body, "instance_profile_arn");
    if (!PROFILE_ARN.matcher(arn).matches()) {
      throw ApiException.invalidParameter("Invalid instance profile ARN: " + arn
          + " (expected arn:aws:iam::<account-id>:instance-profile/<name>)");
    }
    ObjectNode p = Json.object().put("instance_profile_arn", arn);
    String role = Json.text(body, "iam_role_arn");
    if (role != null && !role.isEmpty()) {
      if (!ROLE_ARN.matcher(role).matches()) {
        throw ApiException.invalidParameter("Invalid IAM role ARN: " + role + " (expected arn:aws:iam::<account-id>:role/<name>)");
      }
      p.put("iam_role_arn", role);
    }
    p.put("is_meta_instance_profile", body.path("is_meta_instance_profile").asBoolean(false));
    return p;
  }

  @Override
  public JsonNode dump() {
    ArrayNode arr = Json.array();
    profiles.values().forEach(p -> arr.add(Json.copy(p)));
    return arr;
  }

  @Override
  public void seed(JsonNode seed, Workspace workspace) {
    if (!seed.isArray()) {
      throw new IllegalArgumentException("instance-profiles seed must be a JSON array");
    }
    if (workspace.cloud() != Cloud.AWS && !seed.isEmpty()) {
      throw new IllegalArgumentException("instance-profiles seed: instance profiles exist on AWS only, not " + workspace.cloud().displayName);
    }
    for (JsonNode item : seed) {
      ObjectNode p = build(item);
      profiles.put(p.get("instance_profile_arn").asText(), p);
    }
  }
}
