package io.dbsync.emulator.compute;

import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.compute.AddInstanceProfile;
import com.databricks.sdk.service.compute.InstanceProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceProfilesApiTest extends EmulatorSdkTest {
  private static final String ARN = "arn:aws:iam::123456789012:instance-profile/data-reader";
  private static final String ROLE = "arn:aws:iam::123456789012:role/data-reader";

  private List<InstanceProfile> list() {
    return StreamSupport.stream(w.instanceProfiles().list().spliterator(), false).toList();
  }

  private List<InstanceProfile> mine() {
    return list().stream().filter(p -> p.getInstanceProfileArn().equals(ARN)).toList();
  }

  @Test
  void addListEditRemove() {
    w.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn(ARN).setSkipValidation(true));
    assertEquals(List.of(new InstanceProfile().setInstanceProfileArn(ARN).setIsMetaInstanceProfile(false)), mine());
    w.instanceProfiles().edit(new InstanceProfile().setInstanceProfileArn(ARN).setIamRoleArn(ROLE).setIsMetaInstanceProfile(true));
    assertEquals(List.of(new InstanceProfile().setInstanceProfileArn(ARN).setIamRoleArn(ROLE).setIsMetaInstanceProfile(true)), mine());
    w.instanceProfiles().remove(ARN);
    assertTrue(mine().isEmpty());
  }

  @Test
  void errors() {
    String arn = "arn:aws:iam::123456789012:instance-profile/other";
    w.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn(arn));
    assertApiError(ResourceAlreadyExists.class, "RESOURCE_ALREADY_EXISTS",
        () -> w.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn(arn)));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn("arn:aws:iam::123:role/x")));
    assertApiError(InvalidParameterValue.class, "INVALID_PARAMETER_VALUE",
        () -> w.instanceProfiles().add(new AddInstanceProfile().setInstanceProfileArn(
            "arn:aws:iam::123456789012:instance-profile/third").setIamRoleArn("not-an-arn")));
    assertApiError(ResourceDoesNotExist.class, "RESOURCE_DOES_NOT_EXIST",
        () -> w.instanceProfiles().remove("arn:aws:iam::123456789012:instance-profile/missing"));
    assertEquals(1, list().stream().filter(p -> p.getInstanceProfileArn().equals(arn)).count());
  }
}
