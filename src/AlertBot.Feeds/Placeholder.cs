namespace AlertBot.Feeds;
