package io.dbsync.emulator.mlflow;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.ml.CreateExperiment;
import com.databricks.sdk.service.ml.DeleteExperiment;
import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.ExperimentAccessControlRequest;
import com.databricks.sdk.service.ml.ExperimentPermissionLevel;
import com.databricks.sdk.service.ml.ExperimentPermissions;
import com.databricks.sdk.service.ml.ExperimentPermissionsRequest;
import com.databricks.sdk.service.ml.ExperimentTag;
import com.databricks.sdk.service.ml.RestoreExperiment;
import com.databricks.sdk.service.ml.SearchExperiments;
import com.databricks.sdk.service.ml.SetExperimentTag;
import com.databricks.sdk.service.ml.UpdateExperiment;
import com.databricks.sdk.service.ml.ViewType;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentsApiTest extends EmulatorSdkTest {

  private String home() {
    return "/Users/" + emu.workspace().adminUser();
  }

  private List<Experiment> search(SearchExperiments req) {
    return StreamSupport.stream(w.experiments().searchExperiments(req).spliterator(), false).toList();
  }

  private static String tag(Experiment e, String key) {
    return e.getTags().stream().filter(t -> t.getKey().equals(key)).map(ExperimentTag::getValue).findFirst().orElse(null);
  }

  @Test
  void createGetRenameTagDeleteRestore() {
    String id = w.experiments().createExperiment(new CreateExperiment().setName("/Workspace" + home() + "/churn")
        .setTags(List.of(new ExperimentTag().setKey("team").setValue("ml")))).getExperimentId();
    Experiment e = w.experiments().getExperiment(id).getExperiment();
    assertEquals(home() + "/churn", e.getName(), "the /Workspace prefix is dropped");
    assertEquals("dbfs:/databricks/mlflow-tracking/" + id, e.getArtifactLocation());
    assertEquals("active", e.getLifecycleStage());
    assertEquals("ml", tag(e, "team"));
    assertEquals(emu.workspace().adminUser(), tag(e, "mlflow.ownerEmail"));
    assertEquals(home() + "/churn", tag(e, "mlflow.experiment.sourceName"));
    assertEquals(id, w.experiments().getByName(home() + "/churn").getExperiment().getExperimentId());

    w.experiments().updateExperiment(new UpdateExperiment().setExperimentId(id).setNewName(home() + "/churn-v2"));
    w.experiments().setExperimentTag(new SetExperimentTag().setExperimentId(id).setKey("team").setValue("ds"));
    Experiment renamed = w.experiments().getExperiment(id).getExperiment();
    assertEquals(home() + "/churn-v2", renamed.getName());
    assertEquals(home() + "/churn-v2", tag(renamed, "mlflow.experiment.sourceName"));
    assertEquals("ds", tag(renamed, "team"));

    w.experiments().deleteExperiment(new DeleteExperiment().setExperimentId(id));
    assertEquals("deleted", w.experiments().getExperiment(id).getExperiment().getLifecycleStage());
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.experiments().getByName(home() + "/churn-v2"));
    assertTrue(search(new SearchExperiments()).stream().noneMatch(x -> x.getExperimentId().equals(id)));
    assertTrue(search(new SearchExperiments().setViewType(ViewType.DELETED_ONLY)).stream().anyMatch(x -> x.getExperimentId().equals(id)));
    w.experiments().restoreExperiment(new RestoreExperiment().setExperimentId(id));
    assertEquals("active", w.experiments().getExperiment(id).getExperiment().getLifecycleStage());
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.experiments().getExperiment("12345"));
    assertEquals("Node ID 12345 does not exist.", assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.experiments().getExperiment("12345")).getMessage());
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.experiments().createExperiment(new CreateExperiment()));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.experiments().createExperiment(new CreateExperiment().setName("relative")));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.experiments().createExperiment(new CreateExperiment().setName("/Shared/no/such/exp")));
    w.experiments().createExperiment(new CreateExperiment().setName("/Shared/dup"));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.experiments().createExperiment(new CreateExperiment().setName("/Shared/dup")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> search(new SearchExperiments().setMaxResults(3001L)));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> search(new SearchExperiments().setFilter("owner = 'x'")));
  }

  @Test
  void searchFiltersOrdersAndPages() throws Exception {
    try (Emulator fresh = new Emulator().start()) {
      var client = new com.databricks.sdk.WorkspaceClient(new com.databricks.sdk.core.DatabricksConfig()
          .setHost(fresh.url()).setToken(fresh.token()).setAuthType("pat"));
      for (int i = 0; i < 7; i++) {
        client.experiments().createExperiment(new CreateExperiment().setName("/Shared/exp-" + i)
            .setTags(List.of(new ExperimentTag().setKey("parity").setValue(i % 2 == 0 ? "even" : "odd"))));
      }
      List<String> even = StreamSupport.stream(client.experiments().searchExperiments(new SearchExperiments()
              .setFilter("tags.parity = 'even' AND name LIKE '/Shared/exp-%'").setOrderBy(List.of("name ASC")).setMaxResults(2L))
          .spliterator(), false).map(Experiment::getName).toList();
      assertEquals(List.of("/Shared/exp-0", "/Shared/exp-2", "/Shared/exp-4", "/Shared/exp-6"), even);
      assertEquals(2, fresh.requests().route("POST /api/2.0/mlflow/experiments/search"), "two pages of two");
      List<String> insensitive = StreamSupport.stream(client.experiments().searchExperiments(new SearchExperiments()
          .setFilter("name ILIKE '%EXP-1'")).spliterator(), false).map(Experiment::getName).toList();
      assertEquals(List.of("/Shared/exp-1"), insensitive);
    }
  }

  @Test
  void permissionsAndSeed() throws Exception {
    w.users().create(new User().setUserName("ds@example.com"));
    String id = w.experiments().createExperiment(new CreateExperiment().setName("/Shared/perm-exp")).getExperimentId();
    ExperimentPermissions p = w.experiments().setPermissions(new ExperimentPermissionsRequest().setExperimentId(id)
        .setAccessControlList(List.of(new ExperimentAccessControlRequest().setUserName("ds@example.com")
            .setPermissionLevel(ExperimentPermissionLevel.CAN_EDIT))));
    assertEquals("mlflowExperiment", p.getObjectType());
    assertEquals("/experiments/" + id, p.getObjectId());
    w.experiments().deleteExperiment(new DeleteExperiment().setExperimentId(id));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.experiments().getPermissions(id));

    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("{\"experiments\": [{\"experiment_id\": \"42\", \"name\": \"/Shared/team/exp\"}]}"));
      var e = seeded.dump().get("experiments").get(0);
      assertEquals("42", e.get("experiment_id").asText());
      assertEquals("dbfs:/databricks/mlflow-tracking/42", e.get("artifact_location").asText());
    }
  }
}
