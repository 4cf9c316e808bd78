package dev.vpce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {
  static final String REGIONAL =
      "vpce-0a1b2c3d4e5f67890-k3m9x2qa.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";

  @Test
  void classifiesEndpointNamesByPatternNotPosition() {
    assertThat(Names.isRegionalName(REGIONAL)).isTrue();
    assertThat(Names.zoneOfZonalName(REGIONAL)).isNull();
    String zonal = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1b.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com";
    assertThat(Names.zoneOfZonalName(zonal)).isEqualTo("us-east-1b");
    assertThat(Names.isRegionalName(zonal)).isFalse();
    assertThat(Names.zoneOfZonalName("vpce-08a979e28f97a9f7c-4r5zme9n-us-east-2c.monitoring.us-east-2.vpce.amazonaws.com"))
        .isEqualTo("us-east-2c");
    assertThat(Names.zoneOfZonalName("*.vpce-1a2b3c4d5e6f1a2b3-9hnenorg-us-east-1a.s3.us-east-1.vpce.amazonaws.com"))
        .isEqualTo("us-east-1a");
    assertThat(Names.isRegionalName("*.vpce-1a2b3c4d5e6f1a2b3-9hnenorg.s3.us-east-1.vpce.amazonaws.com")).isTrue();
    assertThat(Names.isEndpointName("api.payments.example.com")).isFalse();
  }

  @Test
  void derivesZonalNamesByTheDocumentedRule() {
    assertThat(Names.zonalNameFor(REGIONAL, "us-east-1c")).isEqualTo(
        "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-east-1c.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com");
  }

  @Test
  void readsTheRegionOfBothKindsOfServiceName() {
    assertThat(Names.regionOf("com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0")).isEqualTo("eu-west-1");
    assertThat(Names.regionOf("com.amazonaws.us-east-2.ecr.dkr")).isEqualTo("us-east-2");
  }

  @Test
  void knowsZoneNamesFromZoneIds() {
    assertThat(Names.isZoneId("use1-az6")).isTrue();
    assertThat(Names.isZoneId("usw2-lax1-az1")).isTrue();
    assertThat(Names.isZoneId("us-east-1a")).isFalse();
    assertThat(Names.ZONE_NAME.matcher("us-east-1-bos-1a").matches()).isTrue();
  }

  /**
   * Service names of the {@code aws-cn} partition: {@code cn.com.amazonaws.<region>.<service>} for most AWS
   * services, while some keep {@code com.amazonaws.} (aws-cdk issue #11140 and its fix #16139; the output of
   * {@code aws ec2 describe-vpc-endpoint-services} in cn-north-1 lists both); endpoint DNS names end in
   * {@code .vpce.amazonaws.com.cn} (the China endpoint domain is {@code amazonaws.com.cn},
   * https://docs.amazonaws.cn/en_us/general/latest/gr/endpoints-arns.html).
   */
  @Test
  void parsesAwsCnServiceNamesAndDnsNames_perDocsAmazonawsCnEndpointsArns() {
    assertThat(Names.SERVICE_NAME.matcher("cn.com.amazonaws.cn-north-1.ecr.dkr").matches()).isTrue();
    assertThat(Names.regionOf("cn.com.amazonaws.cn-north-1.ecr.dkr")).isEqualTo("cn-north-1");
    assertThat(Names.regionOf("com.amazonaws.cn-northwest-1.sagemaker.runtime")).isEqualTo("cn-northwest-1");
    assertThat(Names.regionOf("cn.com.amazonaws.vpce.cn-north-1.vpce-svc-0123456789abcdef0")).isEqualTo("cn-north-1");
    String regional = "vpce-0a1b2c3d4e5f67890-k3m9x2qa.ecr.dkr.cn-north-1.vpce.amazonaws.com.cn";
    String zonal = "vpce-0a1b2c3d4e5f67890-k3m9x2qa-cn-north-1a.ecr.dkr.cn-north-1.vpce.amazonaws.com.cn";
    assertThat(Names.isRegionalName(regional)).isTrue();
    assertThat(Names.zoneOfZonalName(zonal)).isEqualTo("cn-north-1a");
    assertThat(Names.zonalNameFor(regional, "cn-north-1b"))
        .isEqualTo("vpce-0a1b2c3d4e5f67890-k3m9x2qa-cn-north-1b.ecr.dkr.cn-north-1.vpce.amazonaws.com.cn");
  }

  /** GovCloud (aws-us-gov) keeps com.amazonaws. and vpce.amazonaws.com, with us-gov-* Regions and zones. */
  @Test
  void parsesAwsUsGovServiceNamesAndDnsNames() {
    assertThat(Names.regionOf("com.amazonaws.us-gov-west-1.s3")).isEqualTo("us-gov-west-1");
    assertThat(Names.regionOf("com.amazonaws.vpce.us-gov-east-1.vpce-svc-0123456789abcdef0")).isEqualTo("us-gov-east-1");
    assertThat(Names.zoneOfZonalName(
        "vpce-0a1b2c3d4e5f67890-k3m9x2qa-us-gov-west-1a.s3.us-gov-west-1.vpce.amazonaws.com"))
        .isEqualTo("us-gov-west-1a");
  }

  /**
   * The SageMaker notebook form: "specify aws.sagemaker.Region.notebook as the service name"
   * (https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-interface-endpoint.html); and a Region-less AWS
   * service name (com.amazonaws.s3-global.accesspoint, S3 Multi-Region Access Points).
   */
  @Test
  void parsesOtherDocumentedForms_perSagemakerNotebookInterfaceEndpointDoc() {
    assertThat(Names.regionOf("aws.sagemaker.us-east-1.notebook")).isEqualTo("us-east-1");
    assertThat(Names.regionOf("aws.sagemaker.cn-north-1.studio")).isEqualTo("cn-north-1");
    assertThat(Names.SERVICE_NAME.matcher("com.amazonaws.s3-global.accesspoint").matches()).isTrue();
    assertThat(Names.regionOf("com.amazonaws.s3-global.accesspoint")).isNull();
  }

  @Test
  void rejectsWhatIsTrulyMalformed() {
    for (String bad : new String[] {"vpce-svc-0123456789abcdef0", "com.amazonaws.vpce.us-east-1.vpce-svc-xyz",
        "COM.AMAZONAWS.US-EAST-1.S3", "com.amazonaws..s3", "com.amazonaws.us-east-1", "orders.example.com"}) {
      assertThat(Names.SERVICE_NAME.matcher(bad).matches()).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Names.regionOf("vpce-svc-0123456789abcdef0")).hasMessageContaining("not a service name");
  }
}
