/**
 * The JSON a subject's notifications share, serialised once: a channel's, or an agent's for one
 * presence. It lives with neither the runs that keep it nor the renderer that makes it, so neither
 * imports the other.
 */
export interface SubjectParts {
  /** `","source":"/channel","subject":"<channelId>","time":"` */
  afterId: string;
  /** `","channel":{…}`, or `","presence":{…},"user":{…}` */
  afterTimestamp: string;
  afterIdBytes: Uint8Array;
  afterTimestampBytes: Uint8Array;
}
