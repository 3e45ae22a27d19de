package io.dbsync.emulator.mlflow;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.ml.CreateModelRequest;
import com.databricks.sdk.service.ml.ListModelsRequest;
import com.databricks.sdk.service.ml.Model;
import com.databricks.sdk.service.ml.ModelDatabricks;
import com.databricks.sdk.service.ml.ModelTag;
import com.databricks.sdk.service.ml.RegisteredModelAccessControlRequest;
import com.databricks.sdk.service.ml.RegisteredModelPermissionLevel;
import com.databricks.sdk.service.ml.RegisteredModelPermissions;
import com.databricks.sdk.service.ml.RegisteredModelPermissionsRequest;
import com.databricks.sdk.service.ml.RenameModelRequest;
import com.databricks.sdk.service.ml.SearchModelsRequest;
import com.databricks.sdk.service.ml.SetModelTagRequest;
import com.databricks.sdk.service.ml.UpdateModelRequest;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisteredModelsApiTest extends EmulatorSdkTest {

  @Test
  void createGetRenameUpdateTagsDelete() throws Exception {
    Model created = w.modelRegistry().createModel(new CreateModelRequest().setName("churn").setDescription("v1")
        .setTags(List.of(new ModelTag().setKey("team").setValue("ml")))).getRegisteredModel();
    assertEquals("churn", created.getName());
    assertEquals(emu.workspace().adminUser(), created.getUserId());
    ModelDatabricks db = w.modelRegistry().getModel("churn").getRegisteredModelDatabricks();
    assertTrue(db.getId().matches("\\d+"), db.getId());
    assertEquals("CAN_MANAGE", db.getPermissionLevel().toString());
    Raw oss = raw("GET", "/api/2.0/mlflow/registered-models/get?name=churn", null);
    assertEquals("v1", oss.body().get("registered_model").get("description").asText());
    assertFalse(oss.body().get("registered_model").has("id"), "the MLflow form has no Databricks id");

    Model renamed = w.modelRegistry().renameModel(new RenameModelRequest().setName("churn").setNewName("churn-2")).getRegisteredModel();
    assertEquals("churn-2", renamed.getName());
    assertEquals(db.getId(), w.modelRegistry().getModel("churn-2").getRegisteredModelDatabricks().getId(), "the id survives a rename");
    assertEquals("v2", w.modelRegistry().updateModel(new UpdateModelRequest().setName("churn-2").setDescription("v2"))
        .getRegisteredModel().getDescription());
    w.modelRegistry().setModelTag(new SetModelTagRequest().setName("churn-2").setKey("stage").setValue("prod"));
    w.modelRegistry().deleteModelTag("churn-2", "team");
    List<ModelTag> tags = List.copyOf(w.modelRegistry().getModel("churn-2").getRegisteredModelDatabricks().getTags());
    assertEquals(List.of("stage=prod"), tags.stream().map(t -> t.getKey() + "=" + t.getValue()).toList());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.modelRegistry().deleteModelTag("churn-2", "team"));

    w.modelRegistry().deleteModel("churn-2");
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.modelRegistry().getModel("churn-2"));
  }

  @Test
  void errors() {
    assertEquals("Registered Model with name=ghost not found", assertApiError(ResourceDoesNotExist.class,
        "RESOURCE_DOES_NOT_EXIST", () -> w.modelRegistry().getModel("ghost")).getMessage());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.modelRegistry().createModel(new CreateModelRequest()));
    w.modelRegistry().createModel(new CreateModelRequest().setName("taken"));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.modelRegistry().createModel(new CreateModelRequest().setName("taken")));
    w.modelRegistry().createModel(new CreateModelRequest().setName("other"));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.modelRegistry().renameModel(new RenameModelRequest().setName("other").setNewName("taken")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> StreamSupport.stream(w.modelRegistry().listModels(new ListModelsRequest().setMaxResults(1001L)).spliterator(), false).count());
  }

  @Test
  void searchAndListPage() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (String n : List.of("fraud-a", "fraud-b", "churn", "fraud-c", "ltv")) {
        client.modelRegistry().createModel(new CreateModelRequest().setName(n));
      }
      List<String> fraud = StreamSupport.stream(client.modelRegistry().searchModels(new SearchModelsRequest()
          .setFilter("name LIKE 'fraud'").setMaxResults(2L)).spliterator(), false).map(Model::getName).toList();
      assertEquals(List.of("fraud-a", "fraud-b", "fraud-c"), fraud, "LIKE 'x' means '%x%'");
      assertEquals(2, fresh.requests().route("GET /api/2.0/mlflow/registered-models/search"));
      List<String> desc = StreamSupport.stream(client.modelRegistry().searchModels(new SearchModelsRequest()
          .setOrderBy(List.of("name DESC"))).spliterator(), false).map(Model::getName).toList();
      assertEquals(List.of("ltv", "fraud-c", "fraud-b", "fraud-a", "churn"), desc);
      assertEquals(5, StreamSupport.stream(client.modelRegistry().listModels(new ListModelsRequest().setMaxResults(1L))
          .spliterator(), false).count());
      assertNull(client.modelRegistry().searchModels(new SearchModelsRequest().setFilter("name = 'ltv'")).iterator().next()
          .getLatestVersions());
    }
  }

  @Test
  void permissionsByIdAndSeed() throws Exception {
    w.groups().create(new Group().setDisplayName("mlops"));
    w.modelRegistry().createModel(new CreateModelRequest().setName("perm-model"));
    String id = w.modelRegistry().getModel("perm-model").getRegisteredModelDatabricks().getId();
    RegisteredModelPermissions p = w.modelRegistry().setPermissions(new RegisteredModelPermissionsRequest().setRegisteredModelId(id)
        .setAccessControlList(List.of(new RegisteredModelAccessControlRequest().setGroupName("mlops")
            .setPermissionLevel(RegisteredModelPermissionLevel.CAN_MANAGE_PRODUCTION_VERSIONS))));
    assertEquals("registered-model", p.getObjectType());
    assertEquals("/registered-models/" + id, p.getObjectId());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.modelRegistry().getPermissions("999"));

    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("{\"registered-models\": [{\"id\": \"7\", \"name\": \"s\", \"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}]}"));
      assertEquals("7", seeded.dump().get("registered-models").get(0).get("id").asText());
    }
  }
}
