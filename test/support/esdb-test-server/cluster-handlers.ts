import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import type { ServerContext } from './server-context';
import { uuidMessage } from './wire';

const STREAMS = 'event_store.client.streams.streams';

/**
 * ServerFeatures.GetSupportedMethods (the client picks BatchAppend only when it is advertised) and
 * Gossip.Read (a one-member cluster whose leader is this server, so esdb+discover:// and multi-host
 * connection strings resolve to it).
 */
export class ClusterHandlers {
  constructor(private readonly context: ServerContext) {}

  readonly supportedMethods = (
    _call: ServerUnaryCall<Empty, SupportedMethods>,
    callback: sendUnaryData<SupportedMethods>,
  ): void => {
    const method = (service: string, name: string, features: string[] = []) =>
      new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
    const methods = [
      method(STREAMS, 'read', ['position', 'events']),
      method(STREAMS, 'append'),
      method(STREAMS, 'delete'),
      method(STREAMS, 'tombstone'),
      method('event_store.client.gossip.gossip', 'read'),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    ];
    if (this.context.advertiseBatchAppend) methods.push(method(STREAMS, 'batchappend'));
    const supported = new SupportedMethods().setMethodsList(methods);
    callback(null, supported.setEventStoreServerVersion(this.context.serverVersion));
  };

  readonly gossip = (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void => {
    const leader = new MemberInfo()
      .setInstanceId(uuidMessage(this.context.instanceId, false))
      .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress(this.context.host).setPort(this.context.port()));
    callback(null, new ClusterInfo().setMembersList([leader]));
  };
}
