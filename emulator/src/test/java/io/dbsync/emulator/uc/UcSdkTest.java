package io.dbsync.emulator.uc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.catalog.AwsIamRoleRequest;
import com.databricks.sdk.service.catalog.CreateExternalLocation;
import com.databricks.sdk.service.catalog.CreateStorageCredential;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.compute.EmulatorSdkTest;

import java.util.List;
import java.util.stream.StreamSupport;

/** Base of the Unity Catalog API tests: helpers on top of one emulator driven by the official SDK. */
abstract class UcSdkTest extends EmulatorSdkTest {
  static <T> List<T> all(Iterable<T> iterable) {
    return StreamSupport.stream(iterable.spliterator(), false).toList();
  }

  static WorkspaceClient client(Emulator e) {
    return new WorkspaceClient(new DatabricksConfig().setHost(e.url()).setToken(e.token()).setAuthType("pat"));
  }

  /** A storage credential and an external location over s3://{bucket}, the way to make paths usable. */
  void externalLocation(String name, String bucket) {
    w.storageCredentials().create(new CreateStorageCredential().setName(name + "_cred")
        .setAwsIamRole(new AwsIamRoleRequest().setRoleArn("arn:aws:iam::123456789012:role/" + name)));
    w.externalLocations().create(new CreateExternalLocation().setName(name).setUrl("s3://" + bucket)
        .setCredentialName(name + "_cred"));
  }
}
