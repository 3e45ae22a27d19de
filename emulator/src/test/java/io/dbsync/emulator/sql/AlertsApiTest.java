package io.dbsync.emulator.sql;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.AccessControlRequest;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ObjectPermissions;
import com.databricks.sdk.service.iam.PermissionLevel;
import com.databricks.sdk.service.iam.SetObjectPermissions;
import com.databricks.sdk.service.sql.Alert;
import com.databricks.sdk.service.sql.AlertCondition;
import com.databricks.sdk.service.sql.AlertConditionOperand;
import com.databricks.sdk.service.sql.AlertConditionThreshold;
import com.databricks.sdk.service.sql.AlertOperandColumn;
import com.databricks.sdk.service.sql.AlertOperandValue;
import com.databricks.sdk.service.sql.AlertOperator;
import com.databricks.sdk.service.sql.AlertState;
import com.databricks.sdk.service.sql.CreateAlertRequest;
import com.databricks.sdk.service.sql.CreateAlertRequestAlert;
import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import com.databricks.sdk.service.sql.LifecycleState;
import com.databricks.sdk.service.sql.ListAlertsRequest;
import com.databricks.sdk.service.sql.ListAlertsResponseAlert;
import com.databricks.sdk.service.sql.UpdateAlertRequest;
import com.databricks.sdk.service.sql.UpdateAlertRequestAlert;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.EmulatorSdkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertsApiTest extends EmulatorSdkTest {
  private String queryId;

  @BeforeAll
  void query() {
    queryId = w.queries().create(new CreateQueryRequest().setQuery(new CreateQueryRequestQuery().setDisplayName("source")
        .setQueryText("SELECT 1 AS threshold"))).getId();
  }

  private static AlertCondition above(double value) {
    return new AlertCondition().setOp(AlertOperator.GREATER_THAN)
        .setOperand(new AlertConditionOperand().setColumn(new AlertOperandColumn().setName("threshold")))
        .setThreshold(new AlertConditionThreshold().setValue(new AlertOperandValue().setDoubleValue(value)));
  }

  private Alert create(String name) {
    return w.alerts().create(new CreateAlertRequest().setAlert(new CreateAlertRequestAlert().setDisplayName(name)
        .setQueryId(queryId).setCondition(above(50))));
  }

  @Test
  void createGetUpdateTrash() {
    Alert a = w.alerts().create(new CreateAlertRequest().setAlert(new CreateAlertRequestAlert().setDisplayName("hot")
        .setQueryId(queryId).setCondition(above(50)).setNotifyOnOk(true).setSecondsToRetrigger(60L).setCustomSubject("s")));
    assertEquals(AlertState.UNKNOWN, a.getState(), "never evaluated");
    assertEquals(LifecycleState.ACTIVE, a.getLifecycleState());
    Alert got = w.alerts().get(a.getId());
    assertEquals(50.0, got.getCondition().getThreshold().getValue().getDoubleValue());
    assertEquals("threshold", got.getCondition().getOperand().getColumn().getName());
    assertEquals(true, got.getNotifyOnOk());
    assertEquals("/Users/" + emu.workspace().adminUser(), got.getParentPath());

    Alert updated = w.alerts().update(new UpdateAlertRequest().setId(a.getId()).setUpdateMask("condition,custom_subject")
        .setAlert(new UpdateAlertRequestAlert().setCondition(above(80))));
    assertEquals(80.0, updated.getCondition().getThreshold().getValue().getDoubleValue());
    assertEquals(null, updated.getCustomSubject());
    assertEquals(60L, updated.getSecondsToRetrigger());

    List<ListAlertsResponseAlert> listed = StreamSupport.stream(w.alerts().list(new ListAlertsRequest()).spliterator(), false).toList();
    assertTrue(listed.stream().anyMatch(x -> x.getId().equals(a.getId())));
    w.alerts().delete(a.getId());
    assertEquals(LifecycleState.TRASHED, w.alerts().get(a.getId()).getLifecycleState());
    assertTrue(StreamSupport.stream(w.alerts().list(new ListAlertsRequest()).spliterator(), false)
        .noneMatch(x -> x.getId().equals(a.getId())));
  }

  @Test
  void errors() {
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.alerts().get("nope"));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.alerts().create(new CreateAlertRequest()
        .setAlert(new CreateAlertRequestAlert().setDisplayName("x").setQueryId("missing-query").setCondition(above(1)))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.alerts().create(new CreateAlertRequest()
        .setAlert(new CreateAlertRequestAlert().setDisplayName("x").setQueryId(queryId))));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.alerts().create(new CreateAlertRequest()
        .setAlert(new CreateAlertRequestAlert().setDisplayName("x").setQueryId(queryId).setCondition(new AlertCondition()
            .setOp(AlertOperator.EQUAL).setThreshold(above(1).getThreshold())))));
    create("twice");
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS", () -> create("twice"));
    Alert a = create("upd");
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE", () -> w.alerts().update(new UpdateAlertRequest()
        .setId(a.getId()).setUpdateMask("state").setAlert(new UpdateAlertRequestAlert())));
  }

  @Test
  void listPagesAndPermissions() {
    for (int i = 0; i < SqlObjectsFamily.DEFAULT_PAGE + 2; i++) {
      create("page-" + i);
    }
    emu.requests().reset();
    long count = StreamSupport.stream(w.alerts().list(new ListAlertsRequest()).spliterator(), false)
        .filter(x -> x.getDisplayName().startsWith("page-")).count();
    assertEquals(SqlObjectsFamily.DEFAULT_PAGE + 2, count);
    assertTrue(emu.requests().route("GET /api/2.0/sql/alerts") >= 2, "more than one page");

    w.groups().create(new Group().setDisplayName("oncall"));
    Alert a = create("perm");
    ObjectPermissions p = w.permissions().set(new SetObjectPermissions().setRequestObjectType("sql/alerts").setRequestObjectId(a.getId())
        .setAccessControlList(List.of(new AccessControlRequest().setGroupName("oncall").setPermissionLevel(PermissionLevel.CAN_MANAGE))));
    assertEquals("alert", p.getObjectType());
    assertTrue(w.permissions().get("alerts", a.getId()).getAccessControlList().stream()
        .anyMatch(e -> "oncall".equals(e.getGroupName())));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST", () -> w.permissions().get("alerts", "nope"));
  }

  @Test
  void seedNeedsItsQuery() throws Exception {
    try (Emulator seeded = new Emulator()) {
      seeded.seed(Json.parse("""
          {"queries": [{"id": "q1", "display_name": "q"}],
           "alerts": [{"id": "a1", "display_name": "a", "query_id": "q1",
                       "condition": {"op": "IS_NULL", "operand": {"column": {"name": "c"}}}}]}"""));
      assertEquals("UNKNOWN", seeded.dump().get("alerts").get(0).get("state").asText());
      assertFalse(seeded.dump().get("alerts").get(0).has("trigger_time"));
    }
  }
}
