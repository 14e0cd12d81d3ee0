package io.kolladoctor.deployment.live;

import io.kolladoctor.deployment.live.host.HostFetcher.CommandResult;
import io.kolladoctor.deployment.live.kubernetes.KubeFetcher;
import io.kolladoctor.deployment.live.openstack.CloudFetcher.ApiResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What fixes and playbooks may do to a live deployment: run a command on a host, send an API request to the cloud
 * or to Kubernetes.
 * Only a live source gives these, over the connections and the token it reads with; nothing in the read path
 * calls them. Each call is bounded by its timeout and either returns what happened or says why it could not run.
 */
public interface Actions {

    CommandResult run(String host, List<String> argv, boolean sudo, Duration timeout) throws IOException;

    ApiResult call(String method, String serviceType, String path, String jsonBody) throws IOException;

    /**
     * The same with a compute microversion other than the one the reads use (2.11): Nova's {@code evacuate} with a
     * target host is checked by the scheduler only from 2.29 on. Null means the default.
     */
    default ApiResult call(String method, String serviceType, String path, String jsonBody, String microversion)
            throws IOException {
        if (microversion != null) {
            throw new IOException("this deployment does not take a compute microversion (" + microversion + ")");
        }
        return call(method, serviceType, path, jsonBody);
    }

    /**
     * A command on the machine kolla-doctor runs on (the deploy host, where {@code kolla-ansible} runs), as its own
     * user, for a fix that must run there (see {@link LocalCommands}). Only a live source can.
     */
    default CommandResult runLocal(List<String> argv, Duration timeout) throws IOException {
        throw new IOException("this deployment cannot run commands on this machine (" + String.join(" ", argv) + ")");
    }

    /**
     * A request that changes something in a Kubernetes context ({@code PATCH} a ConfigMap, {@code DELETE} a pod), over
     * the kubeconfig's credentials; {@code body} null for none. Only a live source can.
     */
    default KubeFetcher.Answer kube(String context, String method, String path, String contentType, String body)
            throws IOException {
        throw new IOException("this deployment cannot send requests to Kubernetes (" + method + " " + path + ")");
    }
}
