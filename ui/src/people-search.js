// people-search.js: finding people by name, for starting a conversation
// and adding someone to one.

/** Up to 10 users whose name contains query, but not me nor anyone in exclude. */
export async function findPeople(session, query, exclude = new Set()) {
  const q = query.trim();
  if (!q) return [];
  const pb = session.pb;
  const res = await pb.collection("users").getList(1, 10, {
    filter: pb.filter("name ~ {:q} && id != {:me}", { q, me: session.me }),
    sort: "name",
    skipTotal: 1,
    fields: "id,name,avatar,collectionId",
    requestKey: null,
  });
  session.people.remember(res.items);
  return res.items.filter((u) => !exclude.has(u.id));
}
