package dev.vpce.examples.boot;

import org.springframework.web.client.RestClient;

/** The application's own code: plain RestClient calls to the logical hostname. */
public class OrdersService {
  private final RestClient orders;

  public OrdersService(RestClient orders) {
    this.orders = orders;
  }

  /** One order, as the service returns it. */
  public String order(int id) {
    return orders.get().uri("/orders/{id}", id).retrieve().body(String.class);
  }
}
