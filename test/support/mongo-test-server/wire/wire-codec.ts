import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

/** OP_MSG flag bits. */
export const MsgFlags = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

export interface MessageHeader {
  readonly length: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** An OP_MSG: the kind-0 body with kind-1 document sequences folded in as array fields. */
export interface OpMsgRequest {
  readonly kind: 'msg';
  readonly header: MessageHeader;
  readonly flags: number;
  readonly body: Document;
}

/** A legacy OP_QUERY (drivers still send the first handshake this way). */
export interface OpQueryRequest {
  readonly kind: 'query';
  readonly header: MessageHeader;
  readonly collection: string;
  readonly query: Document;
}

export interface UnsupportedRequest {
  readonly kind: 'unsupported';
  readonly header: MessageHeader;
}

export type WireRequest = OpMsgRequest | OpQueryRequest | UnsupportedRequest;

/** Thrown for a message whose bytes do not parse; mongod answers InvalidBSON or closes. */
export class WireFormatError extends Error {}

const DESERIALIZE = { promoteValues: true, promoteLongs: true, promoteBuffers: false, bsonRegExp: false } as const;
const SERIALIZE = { ignoreUndefined: true, checkKeys: false } as const;

/** Decoding of requests and encoding of OP_MSG / OP_REPLY responses. */
export class WireCodec {
  static header(message: Buffer): MessageHeader {
    return {
      length: message.readInt32LE(0),
      requestId: message.readInt32LE(4),
      responseTo: message.readInt32LE(8),
      opCode: message.readInt32LE(12),
    };
  }

  /** @throws WireFormatError */
  static decode(message: Buffer): WireRequest {
    const header = WireCodec.header(message);
    try {
      if (header.opCode === OP_MSG) return WireCodec.decodeMsg(header, message);
      if (header.opCode === OP_QUERY) return WireCodec.decodeQuery(header, message);
    } catch (error) {
      throw new WireFormatError(error instanceof Error ? error.message : String(error));
    }
    return { kind: 'unsupported', header };
  }

  static encodeMsg(requestId: number, responseTo: number, doc: Document, flags = 0): Buffer {
    const body = serialize(doc, SERIALIZE);
    const out = Buffer.alloc(16 + 4 + 1 + body.length);
    out.writeInt32LE(out.length, 0);
    out.writeInt32LE(requestId, 4);
    out.writeInt32LE(responseTo, 8);
    out.writeInt32LE(OP_MSG, 12);
    out.writeUInt32LE(flags >>> 0, 16);
    out.writeUInt8(0, 20);
    out.set(body, 21);
    return out;
  }

  static encodeReply(requestId: number, responseTo: number, doc: Document): Buffer {
    const body = serialize(doc, SERIALIZE);
    const out = Buffer.alloc(16 + 20 + body.length);
    out.writeInt32LE(out.length, 0);
    out.writeInt32LE(requestId, 4);
    out.writeInt32LE(responseTo, 8);
    out.writeInt32LE(OP_REPLY, 12);
    out.writeInt32LE(8, 16); // responseFlags: AwaitCapable
    out.writeBigInt64LE(0n, 20); // cursorID
    out.writeInt32LE(0, 28); // startingFrom
    out.writeInt32LE(1, 32); // numberReturned
    out.set(body, 36);
    return out;
  }

  private static decodeMsg(header: MessageHeader, message: Buffer): OpMsgRequest {
    const flags = message.readUInt32LE(16);
    // the CRC-32C checksum, when present, trails the sections; it is not verified here
    const end = header.length - (flags & MsgFlags.checksumPresent ? 4 : 0);
    let position = 20;
    let body: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (position < end) {
      const kind = message.readUInt8(position++);
      const size = message.readInt32LE(position);
      if (kind === 0) {
        if (body) throw new Error('OP_MSG has more than one body section');
        body = deserialize(message.subarray(position, position + size), DESERIALIZE);
        position += size;
      } else if (kind === 1) {
        const sectionEnd = position + size;
        const nameEnd = message.indexOf(0, position + 4);
        const identifier = message.toString('utf8', position + 4, nameEnd);
        const docs: Document[] = [];
        position = nameEnd + 1;
        while (position < sectionEnd) {
          const docSize = message.readInt32LE(position);
          docs.push(deserialize(message.subarray(position, position + docSize), DESERIALIZE));
          position += docSize;
        }
        sequences.push([identifier, docs]);
      } else {
        throw new Error(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new Error('OP_MSG has no body section');
    for (const [identifier, docs] of sequences) {
      if (identifier in body) throw new Error(`duplicate field ${identifier} in OP_MSG body and document sequence`);
      body[identifier] = docs;
    }
    return { kind: 'msg', header, flags, body };
  }

  private static decodeQuery(header: MessageHeader, message: Buffer): OpQueryRequest {
    const nameEnd = message.indexOf(0, 20);
    const collection = message.toString('utf8', 20, nameEnd);
    const queryStart = nameEnd + 1 + 8; // numberToSkip, numberToReturn
    const size = message.readInt32LE(queryStart);
    const query = deserialize(message.subarray(queryStart, queryStart + size), DESERIALIZE);
    return { kind: 'query', header, collection, query };
  }
}
