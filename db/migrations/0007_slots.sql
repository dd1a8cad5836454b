CREATE TABLE `upkeep` (
	`task` text PRIMARY KEY NOT NULL,
	`since` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `ballots` ADD `state` text DEFAULT 'filled' NOT NULL;--> statement-breakpoint
-- hand: an unused or void slip carries the receipt placeholder (8 characters: 'unused' is 2 longer than 'used'), so spending rewrites its row in place
UPDATE `tokens` SET `receipt` = '--------' WHERE `state` <> 'used';
--> statement-breakpoint
-- hand: one empty ballot slot per unused slip, of its category, with a random id and placeholders of the final sizes (grades: one '-' per subject of its meeting)
INSERT INTO `ballots` (`id`, `meeting_id`, `category`, `state`, `channel`, `grades`) SELECT lower(hex(randomblob(16))), `meeting_id`, `category`, 'vacant', '-----', replace(hex(zeroblob((SELECT count(*) FROM `subjects` s WHERE s.`meeting_id` = t.`meeting_id`))), '00', '-') FROM `tokens` t WHERE `state` = 'unused' ORDER BY 2, 3, 1;
--> statement-breakpoint
-- hand: a file that already held ballots is rewritten once by the server (VACUUM, then an emptied WAL), so its bytes carry no arrival order
INSERT INTO `upkeep` (`task`, `since`) SELECT 'rewrite', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM `tokens`);
