CREATE TABLE `__new_ballots` (
	`id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`channel` text NOT NULL,
	`grades` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `category`, `id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_ballots`("id", "meeting_id", "category", "channel", "grades") SELECT "id", "meeting_id", "category", "channel", "grades" FROM `ballots`;--> statement-breakpoint
DROP TABLE `ballots`;--> statement-breakpoint
ALTER TABLE `__new_ballots` RENAME TO `ballots`;--> statement-breakpoint
DROP INDEX `tokens_meeting_receipt`;--> statement-breakpoint
CREATE INDEX `tokens_meeting` ON `tokens` (`meeting_id`);