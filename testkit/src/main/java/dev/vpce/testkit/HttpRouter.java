package dev.vpce.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vpce.testkit.HttpCall.Reply;
import dev.vpce.testkit.HttpCall.Request;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one WireMock extension of the kit: every request reaches the emulator that owns its path, IMDS
 * under {@code /latest/}, ECS task metadata under {@code /v4/}, EC2 at {@code /}.
 */
final class HttpRouter implements ResponseDefinitionTransformerV2 {
  static final String NAME = "vpce-testkit-router";

  private volatile Ec2Emulator ec2;
  private volatile ImdsEmulator imds;
  private volatile EcsMetadataEmulator ecs;

  void route(Ec2Emulator ec2, ImdsEmulator imds, EcsMetadataEmulator ecs) {
    this.ec2 = ec2;
    this.imds = imds;
    this.ecs = ecs;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Request request = null;
    Reply reply;
    try {
      request = toRequest(event.getRequest());
      if (request.path().startsWith("/latest/")) {
        reply = imds.handle(request);
      } else if (request.path().startsWith("/v4/")) {
        reply = ecs.handle(request);
      } else {
        reply = ec2.handle(request);
      }
    } catch (RuntimeException bug) {
      // a defect in the kit, not an emulated fault: say so loudly rather than as a bare 500
      java.io.StringWriter trace = new java.io.StringWriter();
      bug.printStackTrace(new java.io.PrintWriter(trace));
      reply = Reply.text(599, "vpce-testkit failed to answer " + event.getRequest().getMethod() + " " + event.getRequest().getUrl()
          + ":\n" + trace);
      System.err.println(reply.body());
    }
    ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition()
        .withStatus(reply.status())
        .withHeader("Content-Type", reply.contentType())
        .withBody(reply.body());
    reply.headers().forEach(b::withHeader);
    if (!reply.delay().isZero()) {
      b.withFixedDelay((int) reply.delay().toMillis());
    }
    return b.build();
  }

  private static Request toRequest(LoggedRequest r) {
    String url = r.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0) {
      HttpCall.decodeForm(url.substring(q + 1), params);
    }
    String contentType = r.getHeader("Content-Type");
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      HttpCall.decodeForm(r.getBodyAsString(), params);
    }
    Map<String, String> headers = new HashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      if (h.isPresent() && !h.values().isEmpty()) {
        headers.put(h.key().toLowerCase(Locale.ROOT), h.firstValue());
      }
    }
    return new Request(r.getMethod().getName(), path, params, headers);
  }
}
