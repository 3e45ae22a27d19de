package io.dbsync.emulator.uc;

import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.service.catalog.AwsIamRoleRequest;
import com.databricks.sdk.service.catalog.AzureManagedIdentityRequest;
import com.databricks.sdk.service.catalog.AzureServicePrincipal;
import com.databricks.sdk.service.catalog.ConnectionInfo;
import com.databricks.sdk.service.catalog.ConnectionType;
import com.databricks.sdk.service.catalog.CreateConnection;
import com.databricks.sdk.service.catalog.CreateExternalLocation;
import com.databricks.sdk.service.catalog.CreateStorageCredential;
import com.databricks.sdk.service.catalog.DatabricksGcpServiceAccountRequest;
import com.databricks.sdk.service.catalog.DeleteExternalLocationRequest;
import com.databricks.sdk.service.catalog.DeleteStorageCredentialRequest;
import com.databricks.sdk.service.catalog.ExternalLocationInfo;
import com.databricks.sdk.service.catalog.IsolationMode;
import com.databricks.sdk.service.catalog.ListConnectionsRequest;
import com.databricks.sdk.service.catalog.ListExternalLocationsRequest;
import com.databricks.sdk.service.catalog.ListStorageCredentialsRequest;
import com.databricks.sdk.service.catalog.StorageCredentialInfo;
import com.databricks.sdk.service.catalog.UpdateConnection;
import com.databricks.sdk.service.catalog.UpdateExternalLocation;
import com.databricks.sdk.service.catalog.UpdateStorageCredential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage credentials, external locations and connections through the official SDK. */
class UcStorageApiTest extends UcSdkTest {

  @Test
  void storageCredentialKindsAndWriteOnlySecrets() throws Exception {
    StorageCredentialInfo aws = w.storageCredentials().create(new CreateStorageCredential().setName("AWS_cred")
        .setComment("s3").setAwsIamRole(new AwsIamRoleRequest().setRoleArn("arn:aws:iam::123456789012:role/uc")));
    assertEquals("aws_cred", aws.getName());
    assertEquals("arn:aws:iam::123456789012:role/uc", aws.getAwsIamRole().getRoleArn());
    assertNotNull(aws.getAwsIamRole().getExternalId());
    assertNotNull(aws.getAwsIamRole().getUnityCatalogIamArn());
    assertNotNull(aws.getId());
    assertEquals(IsolationMode.ISOLATION_MODE_OPEN, aws.getIsolationMode());

    StorageCredentialInfo sp = w.storageCredentials().create(new CreateStorageCredential().setName("sp_cred")
        .setAzureServicePrincipal(new AzureServicePrincipal().setDirectoryId("tenant").setApplicationId("app")
            .setClientSecret("s3cr3t")));
    assertEquals("app", sp.getAzureServicePrincipal().getApplicationId());
    assertNull(sp.getAzureServicePrincipal().getClientSecret(), "client_secret is write-only");
    assertFalse(raw("GET", "/api/2.1/unity-catalog/storage-credentials/sp_cred", null).body().toString().contains("s3cr3t"));

    StorageCredentialInfo mi = w.storageCredentials().create(new CreateStorageCredential().setName("mi_cred")
        .setAzureManagedIdentity(new AzureManagedIdentityRequest().setAccessConnectorId("/subscriptions/x/ac")));
    assertNotNull(mi.getAzureManagedIdentity().getCredentialId());
    StorageCredentialInfo gcp = w.storageCredentials().create(new CreateStorageCredential().setName("gcp_cred")
        .setDatabricksGcpServiceAccount(new DatabricksGcpServiceAccountRequest()));
    assertTrue(gcp.getDatabricksGcpServiceAccount().getEmail().endsWith(".iam.gserviceaccount.com"));

    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE",
        () -> w.storageCredentials().create(new CreateStorageCredential().setName("none")));
    assertApiError(BadRequest.class, "STORAGE_CREDENTIAL_ALREADY_EXISTS", () -> w.storageCredentials().create(
        new CreateStorageCredential().setName("aws_cred").setAwsIamRole(new AwsIamRoleRequest().setRoleArn("arn:x"))));
    assertApiError(NotFound.class, "STORAGE_CREDENTIAL_DOES_NOT_EXIST", () -> w.storageCredentials().get("nope"));

    List<String> names = all(w.storageCredentials().list(new ListStorageCredentialsRequest())).stream()
        .map(StorageCredentialInfo::getName).toList();
    assertTrue(names.containsAll(List.of("aws_cred", "gcp_cred", "mi_cred", "sp_cred")), names.toString());

    StorageCredentialInfo u = w.storageCredentials().update(new UpdateStorageCredential().setName("aws_cred")
        .setComment("renamed").setReadOnly(true).setNewName("s3_cred"));
    assertEquals("s3_cred", u.getName());
    assertEquals(Boolean.TRUE, u.getReadOnly());
    assertEquals("arn:aws:iam::123456789012:role/uc", u.getAwsIamRole().getRoleArn());
    for (String n : List.of("s3_cred", "sp_cred", "mi_cred", "gcp_cred")) {
      w.storageCredentials().delete(n);
    }
  }

  @Test
  void externalLocationsNeedTheirCredentialAndDoNotOverlap() {
    assertApiError(NotFound.class, "STORAGE_CREDENTIAL_DOES_NOT_EXIST", () -> w.externalLocations().create(
        new CreateExternalLocation().setName("landing").setUrl("s3://landing").setCredentialName("landing_cred")));
    w.storageCredentials().create(new CreateStorageCredential().setName("landing_cred")
        .setAwsIamRole(new AwsIamRoleRequest().setRoleArn("arn:aws:iam::1:role/landing")));
    ExternalLocationInfo l = w.externalLocations().create(new CreateExternalLocation().setName("Landing")
        .setUrl("s3://landing/raw").setCredentialName("LANDING_CRED").setComment("raw files").setSkipValidation(true));
    assertEquals("landing", l.getName());
    assertEquals("landing_cred", l.getCredentialName());
    assertNotNull(l.getCredentialId());
    assertEquals(Boolean.FALSE, l.getReadOnly());

    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.externalLocations().create(
        new CreateExternalLocation().setName("inner").setUrl("s3://landing/raw/2024").setCredentialName("landing_cred")));
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.externalLocations().create(
        new CreateExternalLocation().setName("outer").setUrl("s3://landing/").setCredentialName("landing_cred")));
    ExternalLocationInfo sibling = w.externalLocations().create(new CreateExternalLocation().setName("rawer")
        .setUrl("s3://landing/rawer").setCredentialName("landing_cred"));
    assertEquals("s3://landing/rawer", sibling.getUrl());
    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.externalLocations().create(
        new CreateExternalLocation().setName("local").setUrl("/mnt/data").setCredentialName("landing_cred")));
    assertApiError(BadRequest.class, "EXTERNAL_LOCATION_ALREADY_EXISTS", () -> w.externalLocations().create(
        new CreateExternalLocation().setName("landing").setUrl("s3://other").setCredentialName("landing_cred")));

    assertEquals(2, all(w.externalLocations().list(new ListExternalLocationsRequest())).size());
    ExternalLocationInfo u = w.externalLocations().update(new UpdateExternalLocation().setName("landing")
        .setReadOnly(true).setOwner("admins"));
    assertEquals(Boolean.TRUE, u.getReadOnly());
    assertEquals("admins", u.getOwner());

    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.storageCredentials().delete("landing_cred"));
    w.externalLocations().delete("rawer");
    w.externalLocations().delete(new DeleteExternalLocationRequest().setName("landing").setForce(true));
    assertApiError(NotFound.class, "EXTERNAL_LOCATION_DOES_NOT_EXIST", () -> w.externalLocations().get("landing"));
    w.storageCredentials().delete(new DeleteStorageCredentialRequest().setName("landing_cred"));
  }

  @Test
  void connectionSecretsAreNeverReturned() throws Exception {
    ConnectionInfo c = w.connections().create(new CreateConnection().setName("Sales_DB").setConnectionType(ConnectionType.MYSQL)
        .setComment("orders").setOptions(Map.of("host", "mysql.example.com", "port", "3306", "user", "reader",
            "password", "hunter2")));
    assertEquals("sales_db", c.getName());
    assertEquals(ConnectionType.MYSQL, c.getConnectionType());
    assertEquals(Map.of("host", "mysql.example.com", "port", "3306", "user", "reader"), c.getOptions());
    assertNotNull(c.getConnectionId());
    assertEquals("mysql.example.com:3306", c.getUrl());
    assertFalse(raw("GET", "/api/2.1/unity-catalog/connections/sales_db", null).body().toString().contains("hunter2"));
    assertTrue(emu.dump().get("unity_catalog").toString().contains("hunter2"), "the dump keeps secrets (test instrument)");

    assertApiError(BadRequest.class, "INVALID_PARAMETER_VALUE", () -> w.connections().create(
        new CreateConnection().setName("no_options").setConnectionType(ConnectionType.MYSQL)));
    assertApiError(NotFound.class, "RESOURCE_DOES_NOT_EXIST", () -> w.connections().get("nope"));
    assertEquals(List.of("sales_db"), all(w.connections().list(new ListConnectionsRequest())).stream()
        .map(ConnectionInfo::getName).toList());

    ConnectionInfo u = w.connections().update(new UpdateConnection().setName("sales_db").setNewName("orders_db")
        .setOptions(Map.of("host", "mysql2.example.com", "port", "3306", "user", "reader", "password", "x")));
    assertEquals("orders_db", u.getName());
    assertEquals("mysql2.example.com", u.getOptions().get("host"));
    w.connections().delete("orders_db");
    assertApiError(NotFound.class, "RESOURCE_DOES_NOT_EXIST", () -> w.connections().get("orders_db"));
  }
}
