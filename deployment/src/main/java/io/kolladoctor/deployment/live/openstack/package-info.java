/**
 * Live OpenStack facts: credentials as operators already keep them ({@link
 * io.kolladoctor.deployment.live.openstack.OpenStackCredentials}: clouds.yaml, {@code OS_*}, Kolla's
 * admin-openrc.sh) and {@link io.kolladoctor.deployment.live.openstack.CloudFetcher}, which answers the CLOUD-scope
 * fact requests.
 *
 * <h2>Why plain {@code java.net.http} and a small Keystone client, not openstack4j, for gathering facts</h2>
 * The design named openstack4j. For <em>fact gathering</em> it is the wrong tool, for reasons that are properties
 * of this job, not of taste:
 * <ul>
 *   <li><b>The product is the raw body.</b> A fact is the API's response byte for byte — what a snapshot stores
 *       and what {@code check --snapshot} must read identically. openstack4j parses into its models and drops
 *       what they lack (Magnum's {@code status_reason}, {@code health_status} and node addresses; Keystone's
 *       {@code include_names} role assignments; Nova's {@code forced_down} without microversion plumbing).
 *       Serialising its models back would invent a different body. Every fact would go through its raw-HTTP
 *       escape hatch ({@code BaseOpenStackService} subclasses) anyway, i.e. we would use its auth and nothing else.</li>
 *   <li><b>Its session is a ThreadLocal.</b> A sweep fetches from many (virtual) threads; each would need
 *       {@code OSFactory.clientFromToken(token)} re-binding. Here one immutable token is shared by design.</li>
 *   <li><b>Deadlines and failures.</b> Each request here has a hard deadline (the exchange is cancelled, body
 *       included) and every failure becomes one sentence (refused, timed out, TLS not trusted, HTTP 503 with the
 *       API's own message). openstack4j's OkHttp connector maps errors to its own exceptions and models.</li>
 *   <li><b>Weight and start-up.</b> openstack4j-core + the OkHttp connector bring OkHttp, Okio, Kotlin stdlib and
 *       Guava-era dependencies, for about 300 lines of Keystone + catalog code that this needs.</li>
 *   <li><b>TLS as the operator set it.</b> {@code cacert} replaces the trust store for that cloud only, host names
 *       are checked, {@code verify: false} is honoured only when written ({@link
 *       io.kolladoctor.deployment.live.openstack.Tls}).</li>
 * </ul>
 * openstack4j may still be the right library for <em>mutations</em> (the fixes: force-down, evacuate, cascade
 * delete), where typed requests help and exact bodies do not matter; that decision belongs to the fixes.
 *
 * <h2>Known limits</h2>
 * One request per collection means no paging: a collection larger than the service's page limit (Octavia and
 * Magnum default to 1000 items, Neutron and Keystone do not page unless configured) is the first page, as the
 * body's own {@code *_links}/{@code next} says. Keystone v2 and token/federated auth types are not supported.
 */
package io.kolladoctor.deployment.live.openstack;
