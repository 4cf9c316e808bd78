package dev.vpce.examples.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * A Spring Boot 4 application that calls the orders service through its PrivateLink endpoint. Nothing in
 * the code knows about vpce: {@code vpce-spring-boot-starter} and {@code application.yml} do it all.
 */
@SpringBootApplication
public class OrdersApplication {
  /**
   * Starts the application; {@code application.yml} holds the vpce bindings.
   *
   * @param args Spring Boot's command-line arguments, for example {@code
   *     --orders.base-url=https://orders.internal.example.com}
   */
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  /** The orders service's client, on the {@code RestClient.Builder} Boot configures (and vpce routes). */
  @Bean
  RestClient orders(RestClient.Builder builder, @Value("${orders.base-url}") String baseUrl) {
    return builder.baseUrl(baseUrl).build();
  }

  @Bean
  OrdersService ordersService(RestClient orders) {
    return new OrdersService(orders);
  }
}
