DROP INDEX `tokens_meeting_receipt`;--> statement-breakpoint
CREATE INDEX `tokens_meeting_receipt` ON `tokens` (`meeting_id`,`receipt`) WHERE "tokens"."receipt" is not null;