package dev.vpce.internal;

import dev.vpce.discovery.Ec2EndpointDiscovery;
import dev.vpce.discovery.EndpointDiscovery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The default discovery: an EC2 client for the caller's Region, created on first use and closed with the
 * PrivateLink. The SDK makes one attempt per call: vpce's own back-off (full jitter) does the retrying,
 * so a throttled instance does not multiply its calls.
 */
public final class DefaultDiscovery {
  private DefaultDiscovery() {}

  /**
   * @param endpoint    the EC2 endpoint, or null for the Region's
   * @param credentials the credentials, or null for the SDK's default chain
   */
  public static Function<String, EndpointDiscovery> forRegions(URI endpoint, AwsCredentialsProvider credentials,
      List<AutoCloseable> owned) {
    return forRegions(endpoint, credentials, null, owned);
  }

  /**
   * @param sdkExecutor the caller's executor for the SDK's call timeouts (not shut down with the client), or
   *                    null for the SDK's own (a pool of up to 5 threads per client)
   */
  public static Function<String, EndpointDiscovery> forRegions(URI endpoint, AwsCredentialsProvider credentials,
      ScheduledExecutorService sdkExecutor, List<AutoCloseable> owned) {
    return region -> {
      software.amazon.awssdk.services.ec2.Ec2ClientBuilder b = Ec2Client.builder()
          .region(Region.of(region))
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
              .socketTimeout(Duration.ofSeconds(5)).build())
          .overrideConfiguration(o -> {
            o.apiCallTimeout(Duration.ofSeconds(20)).retryStrategy(r -> r.maxAttempts(1));
            if (sdkExecutor != null) {
              o.scheduledExecutorService(sdkExecutor);
            }
          });
      if (endpoint != null) {
        b.endpointOverride(endpoint);
      }
      if (credentials != null) {
        b.credentialsProvider(credentials);
      }
      Ec2Client ec2 = b.build();
      synchronized (owned) {
        owned.add(ec2);
      }
      return Ec2EndpointDiscovery.create(ec2);
    };
  }
}
