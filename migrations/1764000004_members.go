package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Membership becomes a collection of its own: one row per person and
// conversation, which an index finds from either side, where the JSON
// array it replaces made every rule check expand every conversation's
// participants. Rules reach members through the back-relation
// members_via_conversation, a seek on the unique (conversation, user)
// index. Who may remove whom, and which fields only the server sets, the
// hooks enforce.
const (
	memberRule             = `members_via_conversation.user ?= @request.auth.id`
	ownerRule              = memberRule + ` && members_via_conversation.role ?= "owner"`
	inConversationRule     = `conversation.members_via_conversation.user ?= @request.auth.id`
	userInConversationRule = `@request.auth.collectionName = "users" && ` + inConversationRule
	authorInConversation   = `author = @request.auth.id && ` + inConversationRule
)

// memberChangesTable indexes the journal by the users whose membership an
// event changed, so that a resume finds a user's changes by seeking.
const memberChangesTable = "_chat_member_changes"

func init() {
	m.Register(membersUp, membersDown)
}

func membersUp(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	conversations, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	messages, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}

	c := core.NewBaseCollection("members")
	c.ListRule = types.Pointer(inConversationRule)
	c.ViewRule = types.Pointer(inConversationRule)
	c.CreateRule = types.Pointer(userInConversationRule)
	c.UpdateRule = types.Pointer(inConversationRule)
	c.DeleteRule = types.Pointer(inConversationRule)
	c.Fields.Add(&core.RelationField{
		Name: "conversation", CollectionId: conversations.Id, Required: true, MaxSelect: 1, CascadeDelete: true,
	})
	// Deleting a user takes them out of their conversations.
	c.Fields.Add(&core.RelationField{
		Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true,
	})
	c.Fields.Add(&core.SelectField{Name: "role", Values: []string{"owner", "member"}, MaxSelect: 1, Required: true})
	c.Fields.Add(&core.DateField{Name: "lastReadAt"})
	c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
	c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
	c.AddIndex("idx_members_conversation_user", true, "conversation, user", "")
	c.AddIndex("idx_members_user", false, "user", "")
	if err := app.Save(c); err != nil {
		return fmt.Errorf("members: %w", err)
	}

	// Every participant becomes a member: the creator the owner (or, where
	// the creator has left, the first participant), everything so far read.
	_, err = app.DB().NewQuery(`
		INSERT OR IGNORE INTO {{members}} ([[id]], [[conversation]], [[user]], [[role]], [[lastReadAt]], [[created]], [[updated]])
		SELECT substr(lower(hex(randomblob(8))), 1, 15), c.[[id]], p.value,
			CASE WHEN p.value = c.[[createdBy]]
				OR (p.key = 0 AND NOT EXISTS (SELECT 1 FROM json_each(c.[[participants]]) q WHERE q.value = c.[[createdBy]]))
				THEN 'owner' ELSE 'member' END,
			c.[[lastMessageAt]], c.[[created]], strftime('%Y-%m-%d %H:%M:%fZ')
		FROM {{conversations}} c, json_each(c.[[participants]]) p
		WHERE EXISTS (SELECT 1 FROM {{users}} u WHERE u.[[id]] = p.value)`).Execute()
	if err != nil {
		return fmt.Errorf("members: move participants: %w", err)
	}

	conversations.Fields.RemoveByName("participants")
	conversations.Fields.Add(&core.RelationField{Name: "lastMessage", CollectionId: messages.Id, MaxSelect: 1})
	conversations.ListRule = types.Pointer(memberRule)
	conversations.ViewRule = types.Pointer(memberRule)
	conversations.UpdateRule = types.Pointer(memberRule)
	conversations.DeleteRule = types.Pointer(ownerRule)
	if err := app.Save(conversations); err != nil {
		return fmt.Errorf("conversations: %w", err)
	}
	_, err = app.DB().NewQuery(`UPDATE {{conversations}} SET [[lastMessage]] = COALESCE(
		(SELECT m.[[id]] FROM {{messages}} m WHERE m.[[conversation]] = {{conversations}}.[[id]]
			ORDER BY m.[[created]] DESC, m.[[id]] DESC LIMIT 1), '')`).Execute()
	if err != nil {
		return fmt.Errorf("conversations: last message: %w", err)
	}

	// counting unread messages (by others, after a time) reads the index alone
	messages.RemoveIndex("idx_messages_conversation_created")
	messages.AddIndex("idx_messages_conversation_created_author", false, "conversation, created, author", "")
	messages.ListRule = types.Pointer(userInConversationRule)
	messages.ViewRule = types.Pointer(userInConversationRule)
	messages.CreateRule = types.Pointer(userInConversationRule)
	messages.UpdateRule = types.Pointer(authorInConversation)
	messages.DeleteRule = types.Pointer(authorInConversation)
	if err := app.Save(messages); err != nil {
		return fmt.Errorf("messages: %w", err)
	}

	_, err = app.DB().NewQuery(`
		CREATE TABLE {{` + memberChangesTable + `}} (
			[[user]] TEXT NOT NULL,
			[[seq]]  INTEGER NOT NULL,
			PRIMARY KEY ([[user]], [[seq]])
		) WITHOUT ROWID;
		INSERT OR IGNORE INTO {{` + memberChangesTable + `}} ([[user]], [[seq]])
			SELECT a.value, e.[[seq]] FROM {{_chat_events}} e, json_each(e.[[added]]) a
			UNION SELECT r.value, e.[[seq]] FROM {{_chat_events}} e, json_each(e.[[removed]]) r;
	`).Execute()
	if err != nil {
		return fmt.Errorf("member changes: %w", err)
	}
	return nil
}

func membersDown(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	conversations, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	messages, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}

	conversations.Fields.RemoveByName("lastMessage")
	conversations.Fields.Add(&core.RelationField{
		Name: "participants", CollectionId: users.Id, Required: true, MinSelect: 1, MaxSelect: 10000, CascadeDelete: true,
	})
	conversations.ListRule = types.Pointer(conversationParticipantRule)
	conversations.ViewRule = types.Pointer(conversationParticipantRule)
	conversations.UpdateRule = types.Pointer(conversationParticipantRule)
	conversations.DeleteRule = types.Pointer(conversationDeleteRule)
	if err := app.Save(conversations); err != nil {
		return fmt.Errorf("conversations: %w", err)
	}
	_, err = app.DB().NewQuery(`UPDATE {{conversations}} SET [[participants]] = (
		SELECT json_group_array([[user]]) FROM (SELECT m.[[user]] FROM {{members}} m
			WHERE m.[[conversation]] = {{conversations}}.[[id]] ORDER BY m.[[role]] = 'owner' DESC, m.[[created]], m.[[user]]))`).Execute()
	if err != nil {
		return fmt.Errorf("conversations: restore participants: %w", err)
	}

	messages.RemoveIndex("idx_messages_conversation_created_author")
	messages.AddIndex("idx_messages_conversation_created", false, "conversation, created", "")
	messages.ListRule = types.Pointer(messageParticipantRule)
	messages.ViewRule = types.Pointer(messageParticipantRule)
	messages.CreateRule = types.Pointer(messageParticipantRule)
	messages.UpdateRule = types.Pointer(messageAuthorRule)
	messages.DeleteRule = types.Pointer(messageAuthorRule)
	if err := app.Save(messages); err != nil {
		return fmt.Errorf("messages: %w", err)
	}

	members, err := app.FindCollectionByNameOrId("members")
	if err != nil {
		return err
	}
	if err := app.Delete(members); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	_, err = app.DB().NewQuery("DROP TABLE IF EXISTS {{" + memberChangesTable + "}}").Execute()
	return err
}
